// The reachability view model: rows and columns grouped by namespace, collapsing, accessible cell sentences, exports.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMatrixView, EXTERNAL_GROUP, matrixCsv, matrixJson, mergeRows, portChoices } from '../../../client/src/reachability/viewModel';
import { graphModel } from '../../../client/src/reachability/graphModel';
import { matrixHtml, windowFor, GEOMETRY } from '../../../client/src/reachability/matrixHtml';
import { tutorialMatrix, workload, allowed, denied } from './fixtures';

describe('matrix view model', () => {
  test('groups rows by namespace in name order, each group holding its workloads', () => {
    const view = buildMatrixView(tutorialMatrix());
    assert.deepEqual(
      view.rowGroups.map((g) => [g.name, g.members.map((m) => m.label)]),
      [
        ['yaobank-customer', ['customer']],
        ['yaobank-database', ['database']],
        ['yaobank-summary', ['summary']],
      ],
    );
    assert.deepEqual(view.rows.map((r) => r.key), ['yaobank-customer/customer', 'yaobank-database/database', 'yaobank-summary/summary']);
  });

  test('external destinations named by policies are columns of their own group, after the namespaces', () => {
    const view = buildMatrixView(tutorialMatrix());
    assert.deepEqual(view.columnGroups.map((g) => g.name), ['yaobank-customer', 'yaobank-database', 'yaobank-summary', EXTERNAL_GROUP]);
    assert.equal(view.columns.at(-1)!.key, '8.8.8.8/32');
    // External endpoints are destinations only: they are no rows.
    assert.ok(!view.rows.some((r) => r.key === '8.8.8.8/32'));
  });

  test('each cell keeps the state of its flow, whatever order the engine listed endpoints in', () => {
    const view = buildMatrixView(tutorialMatrix());
    const at = (from: string, to: string) => view.cell(view.rows.findIndex((r) => r.key === from), view.columns.findIndex((c) => c.key === to));
    assert.equal(at('yaobank-customer/customer', 'yaobank-summary/summary').state, 'allowed');
    assert.equal(at('yaobank-customer/customer', 'yaobank-database/database').state, 'denied');
    assert.equal(at('yaobank-database/database', 'yaobank-database/database').state, 'uncertain');
    assert.equal(at('yaobank-customer/customer', '8.8.8.8/32').state, 'changed-by-staged');
  });

  test('the accessible label reads "customer to summary, TCP 80: allowed by yaobank-summary/p-customer2summary", then the rule', () => {
    const view = buildMatrixView(tutorialMatrix());
    const cell = view.cell(0, view.columns.findIndex((c) => c.key === 'yaobank-summary/summary'));
    assert.equal(cell.ariaLabel, 'customer to summary, TCP 80: allowed by yaobank-summary/p-customer2summary, ingress rule 0');
  });

  test('a note the engine gives (traffic inside one pod) is kept as it is', () => {
    const result = tutorialMatrix();
    result.cells[1][1] = { ...allowed('x'), decidedBy: { side: 'ingress', tier: null, policy: null, ruleIndex: null, reason: 'profile' }, label: 'allowed: traffic within one pod' };
    const view = buildMatrixView(result);
    assert.equal(view.cell(0, view.columns.findIndex((c) => c.key === 'yaobank-customer/customer')).label, 'allowed: traffic within one pod');
  });

  test('labels say what decided when the engine gave no text, what staged policies change, and why a verdict is uncertain', () => {
    const view = buildMatrixView(tutorialMatrix());
    const col = (key: string) => view.columns.findIndex((c) => c.key === key);
    assert.equal(view.cell(0, col('yaobank-database/database')).label, 'denied at the end of tier default (ingress)');
    assert.match(view.cell(0, col('8.8.8.8/32')).label, /allowed with staged policies applied/);
    assert.match(view.cell(1, col('yaobank-database/database')).label, /uncertain: the pod has no IP address/);
  });

  test('a workload name used in two namespaces is shown with its namespace', () => {
    const a = workload('team-a', 'api');
    const b = workload('team-b', 'api');
    const view = buildMatrixView({ protocol: 'UDP', port: 53, rows: [a, b], columns: [a, b], cells: [[denied(), denied()], [denied(), denied()]], warnings: [] });
    assert.deepEqual(view.rows.map((r) => r.label), ['team-a/api', 'team-b/api']);
  });

  test('a collapsed namespace becomes one row and one column summarising its flows', () => {
    const web = workload('shop', 'web');
    const api = workload('shop', 'api');
    const db = workload('data', 'db');
    const result = {
      protocol: 'TCP',
      port: 5432,
      rows: [web, api, db],
      columns: [web, api, db],
      cells: [
        [denied(), denied(), denied()],
        [denied(), denied(), allowed('data/allow-api')],
        [denied(), denied(), denied()],
      ],
      warnings: [],
    };
    const view = buildMatrixView(result, new Set(['shop']));
    assert.deepEqual(view.rows.map((r) => [r.label, r.summary]), [['db', false], ['shop (2)', true]]);
    const shopToDb = view.cell(1, view.columns.findIndex((c) => c.key === 'data/db'));
    // web → db denied, api → db allowed: the summary is mixed and says so (allowed first, then denied).
    assert.equal(shopToDb.state, 'mixed');
    assert.equal(shopToDb.label, '2 flows: 1 allowed, 1 denied');
    assert.equal(shopToDb.allows, true);
    assert.equal(shopToDb.row, undefined);
    const shopToShop = view.cell(1, view.columns.findIndex((c) => c.key === 'group:shop'));
    assert.equal(shopToShop.state, 'denied');
    assert.equal(shopToShop.label, 'all 4 flows denied');
  });

  test('"any port" is named in the labels', () => {
    const result = { ...tutorialMatrix(), port: undefined };
    assert.equal(buildMatrixView(result).portLabel, 'TCP, any port');
    assert.match(buildMatrixView(result).cell(0, 0).ariaLabel, /^customer to customer, TCP, any port: /);
  });

  test('counts per state cover every flow', () => {
    const view = buildMatrixView(tutorialMatrix());
    assert.deepEqual(view.counts, { allowed: 1, denied: 9, uncertain: 1, 'changed-by-staged': 1 });
  });
});

describe('matrix HTML', () => {
  test('one focusable grid cell per flow, each with its accessible label; names are escaped', () => {
    const evil = workload('ns', '<img src=x onerror=alert(1)>');
    const html = matrixHtml(buildMatrixView({ protocol: 'TCP', port: 80, rows: [evil], columns: [evil], cells: [[allowed('ns/p')]], warnings: [] }));
    assert.equal((html.match(/role="gridcell"/g) ?? []).length, 1);
    assert.ok(!html.includes('<img'), html);
    assert.match(html, /aria-label="&lt;img src=x onerror=alert\(1\)&gt; to &lt;img/);
  });
});

describe('drawing only what is on screen', () => {
  const many = () => {
    const endpoints = Array.from({ length: 120 }, (_, i) => workload(`ns-${Math.floor(i / 10)}`, `w-${String(i % 10)}`));
    return { protocol: 'TCP', port: 80, rows: endpoints, columns: endpoints, cells: endpoints.map(() => endpoints.map(() => denied())), warnings: [] };
  };

  test('a viewport at the top left draws its rows and columns (and a margin), not the 14,400 cells', () => {
    const view = buildMatrixView(many());
    const win = windowFor(view, 0, 0, 10 * GEOMETRY.rowHeight, 10 * GEOMETRY.cellWidth, 2);
    assert.equal(win.line0, 0);
    assert.equal(win.col0, 0);
    const html = matrixHtml(view, win);
    const cells = (html.match(/role="gridcell"/g) ?? []).length;
    assert.ok(cells > 0 && cells <= (win.line1 - win.line0) * (win.col1 - win.col0), `${cells} cells`);
    // The grid still tells assistive technology its full size.
    assert.match(html, /aria-rowcount="122" aria-colcount="121"/);
  });

  test('scrolled down and right, the first drawn cells are those under the viewport', () => {
    const view = buildMatrixView(many());
    const { rowHeight, cellWidth, bandHeight, headerHeight } = GEOMETRY;
    // 33 lines down = three namespace groups of 1 header + 10 rows each: the 4th group starts there.
    const win = windowFor(view, bandHeight + headerHeight + 33 * rowHeight, 50 * cellWidth + 200, 200, 200, 0);
    assert.equal(win.line0, 33);
    const html = matrixHtml(view, win);
    const first = /data-vr="(\d+)" data-vc="(\d+)"/.exec(html)!;
    assert.equal(Number(first[1]), 30);
    assert.ok(Number(first[2]) >= 40, first[0]);
    assert.match(html, /<td colspan="\d+" height="726"><\/td>/);
  });
});

describe('rows first', () => {
  test('a matrix for some rows and columns replaces just those cells of the previous one', () => {
    const previous = tutorialMatrix();
    const partial = { ...tutorialMatrix(), rows: [previous.rows[1]], columns: [previous.columns[1], previous.columns[2]], cells: [[allowed('ns/open'), allowed('ns/open')]] };
    const merged = mergeRows(previous, partial)!;
    // customer's row: summary (column 0) and 8.8.8.8 (column 3) as before, customer and database replaced.
    assert.deepEqual(merged.cells[1].map((c) => c.state), ['allowed', 'allowed', 'allowed', 'changed-by-staged']);
    assert.deepEqual(merged.cells[0], previous.cells[0]);
    assert.equal(previous.cells[1][1].state, 'denied', 'the previous result is not changed');
  });

  test('a partial matrix naming an endpoint the previous one lacks cannot be merged (the endpoints changed)', () => {
    const previous = tutorialMatrix();
    const newcomer = workload('yaobank-customer', 'debug');
    assert.equal(mergeRows(previous, { ...tutorialMatrix(), rows: [newcomer], columns: [previous.columns[0]], cells: [[denied()]] }), undefined);
    assert.equal(mergeRows(previous, { ...tutorialMatrix(), rows: [previous.rows[0]], columns: [newcomer], cells: [[denied()]] }), undefined);
  });
});

describe('graph model', () => {
  test('allowed flows are edges, denied ones are kept for hover, a workload to itself is no edge', () => {
    const g = graphModel(buildMatrixView(tutorialMatrix()));
    assert.deepEqual(g.allowed.map((e) => `${e.from}->${e.to}`).sort(), ['yaobank-customer/customer->yaobank-summary/summary']);
    assert.ok(g.denied.some((e) => e.from === 'yaobank-customer/customer' && e.to === 'yaobank-database/database'));
    assert.ok(!g.denied.some((e) => e.from === e.to));
    // Staged-only changes keep the enforced verdict (deny) and so are no allowed edge.
    assert.ok(g.denied.some((e) => e.to === '8.8.8.8/32' && e.state === 'changed-by-staged'));
    assert.deepEqual(g.groups.sort(), [EXTERNAL_GROUP, 'yaobank-customer', 'yaobank-database', 'yaobank-summary']);
  });
});

describe('exports', () => {
  test('CSV: a header of destinations, one line per source with each flow\'s state', () => {
    const csv = matrixCsv(tutorialMatrix()).trim().split('\n');
    assert.equal(csv[0], 'source \\ destination,yaobank-summary/summary,yaobank-customer/customer,yaobank-database/database,8.8.8.8/32');
    assert.equal(csv[2], 'yaobank-customer/customer,allowed,denied,denied,changed-by-staged');
    assert.equal(csv.length, 4);
  });

  test('CSV fields holding commas or quotes are quoted', () => {
    const odd = { ...workload('ns', 'a'), id: 'ns/a,"b"' };
    const csv = matrixCsv({ protocol: 'TCP', rows: [odd], columns: [odd], cells: [[denied()]], warnings: [] });
    assert.match(csv, /^source \\ destination,"ns\/a,""b"""\n"ns\/a,""b""",denied\n$/);
  });

  test('JSON: every flow with both verdicts and what decided it', () => {
    const doc = JSON.parse(matrixJson(tutorialMatrix()));
    assert.equal(doc.protocol, 'TCP');
    assert.equal(doc.port, 80);
    assert.equal(doc.flows.length, 12);
    const flow = doc.flows.find((f: { from: string; to: string }) => f.from === 'yaobank-customer/customer' && f.to === 'yaobank-summary/summary');
    assert.equal(flow.verdict, 'allow');
    assert.equal(flow.decidedBy.policy, 'yaobank-summary/p-customer2summary');
    assert.equal(flow.label, 'allowed by yaobank-summary/p-customer2summary, ingress rule 0');
  });
});

describe('port picker', () => {
  test('ports named in policies in protocol and number order, then "any port" per protocol', () => {
    const choices = portChoices([
      { protocol: 'TCP', port: 2379 },
      { protocol: 'UDP', port: 53 },
      { protocol: 'tcp', port: 80 },
      { protocol: 'TCP', port: 80 },
      { protocol: 'ICMP' },
    ]);
    assert.deepEqual(choices.map((c) => c.label), ['TCP 80', 'TCP 2379', 'UDP 53', 'ICMP, any port', 'TCP, any port', 'UDP, any port']);
  });

  test('with no ports in the policies there is still "TCP, any port"', () => {
    assert.deepEqual(portChoices([]).map((c) => c.label), ['TCP, any port']);
  });
});
