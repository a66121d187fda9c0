// The editor features built on the engine: code lenses, document symbols, explain request, hover paragraph.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver/node';
import { parseFile } from '../../../server/src/document';
import { InMemoryLabelSource } from '../../../server/src/labels';
import { codeLenses } from '../../../server/src/features/codeLens';
import { documentSymbols } from '../../../server/src/features/documentSymbols';
import { explainPolicy, policySummary } from '../../../server/src/features/explain';
import { ExplainPolicyCommand } from '../../../protocol';

const uri = 'file:///policies.yaml';

const text = `# yaobank
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: database
  namespace: yaobank
spec:
  selector: app == "database"
  ingress:
    - action: Allow
      protocol: TCP
      source:
        selector: app == "summary"
      destination:
        ports: [2379]
  egress:
    - action: Deny
---
apiVersion: v1
kind: ConfigMap
metadata: {name: other}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: host-guard
spec:
  selector: role == "node"
  ingress:
    - action: Allow
      protocol: TCP
      destination:
        ports: [22]
`;

const labels = new InMemoryLabelSource({
  pods: [
    { name: 'database-0', namespace: 'yaobank', labels: { app: 'database' } },
    { name: 'database-1', namespace: 'yaobank', labels: { app: 'database' } },
    { name: 'database-x', namespace: 'other', labels: { app: 'database' } },
    { name: 'summary-0', namespace: 'yaobank', labels: { app: 'summary' } },
  ],
  networkSets: [{ name: 'db-set', namespace: 'yaobank', labels: { app: 'database' } }],
  hostEndpoints: [{ name: 'node1-eth0', labels: { role: 'node' } }],
});

describe('code lenses', () => {
  const file = parseFile(text);

  test('one policy lens and one lens per rule, each running the explain command at its line', () => {
    const lenses = codeLenses(file, { uri });
    const byLine = lenses.map((l) => [l.range.start.line, l.command?.command]);
    assert.deepEqual(byLine, [
      [1, ExplainPolicyCommand], // apiVersion line of the first policy
      [9, ExplainPolicyCommand], // - action: Allow
      [16, ExplainPolicyCommand], // - action: Deny
      [22, ExplainPolicyCommand],
      [29, ExplainPolicyCommand],
    ]);
    assert.deepEqual(lenses[1]!.command!.arguments, [uri, { line: 9, character: 6 }]);
  });

  test('rule lenses read as plain English', () => {
    const titles = codeLenses(file, { uri }).map((l) => l.command?.title);
    assert.equal(titles[1], 'Allow TCP from endpoints `app == "summary"` in namespace `yaobank` to port 2379');
    assert.equal(titles[2], 'Deny all traffic to anywhere');
  });

  test('policy lens: subject, tier, order, default outcome', () => {
    const title = codeLenses(file, { uri })[0]!.command!.title;
    assert.match(title, /^Pods `app == "database"` in namespace `yaobank` · tier `default`/);
    assert.match(title, /all other ingress to the selected pods is denied unless a later policy in tier `default` allows or passes it/);
    assert.match(title, /all other egress is denied by rule 1, which matches everything/);
  });

  test('no "selects" lens without loaded labels', () => {
    const titles = codeLenses(file, { uri, labels: new InMemoryLabelSource() }).map((l) => l.command?.title ?? '');
    assert.equal(titles.filter((t) => t.startsWith('selects')).length, 0);
  });

  test('"selects N endpoints" counts pods in the policy namespace only, never network sets', () => {
    const titles = codeLenses(file, { uri, labels }).map((l) => l.command?.title ?? '');
    const selects = titles.filter((t) => t.startsWith('selects'));
    assert.equal(selects.length, 2);
    assert.match(selects[0]!, /^selects 2 endpoints/);
    // A GlobalNetworkPolicy without namespaceSelector also selects host endpoints.
    assert.match(selects[1]!, /^selects 1 endpoint \(/);
  });

  // Namespace / service-account profile labels (§6.4) are not on the loaded objects, so no count is shown.
  for (const selector of ['pcns.team == "a"', 'pcsa.projectcalico.org/name == "db"']) {
    test(`no "selects" lens for a selector on profile label ${selector.split(' ')[0]}`, () => {
      const policy = `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: yaobank}\nspec:\n  selector: ${selector}\n`;
      const titles = codeLenses(parseFile(policy), { uri, labels }).map((l) => l.command?.title ?? '');
      assert.deepEqual(titles.filter((t) => t.startsWith('selects')), []);
    });
  }

  test('a file without policies has no lenses; broken YAML does not throw', () => {
    assert.deepEqual(codeLenses(parseFile('a: [\n'), { uri }), []);
    assert.deepEqual(codeLenses(parseFile('apiVersion: v1\nkind: Pod\n'), { uri }), []);
  });
});

describe('document symbols', () => {
  const symbols = documentSymbols(parseFile(text));

  test('policies → Ingress/Egress → rules named by their summary', () => {
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['NetworkPolicy database', 'GlobalNetworkPolicy host-guard'],
    );
    const db = symbols[0]!;
    assert.equal(db.kind, SymbolKind.Class);
    assert.deepEqual(
      db.children!.map((c) => [c.name, c.children!.map((r) => r.name)]),
      [
        ['Ingress', ['Allow TCP from endpoints `app == "summary"` in namespace `yaobank` to port 2379']],
        ['Egress', ['Deny all traffic to anywhere']],
      ],
    );
  });

  test('selection ranges sit inside their ranges; the policy selects its name', () => {
    const within = (outer: { start: { line: number }; end: { line: number } }, inner: { start: { line: number }; end: { line: number } }) =>
      inner.start.line >= outer.start.line && inner.end.line <= outer.end.line;
    for (const s of symbols) {
      assert.ok(within(s.range, s.selectionRange));
      for (const c of s.children ?? []) {
        assert.ok(within(s.range, c.range));
        for (const r of c.children ?? []) assert.ok(within(c.range, r.range));
      }
    }
    assert.equal(symbols[0]!.selectionRange.start.line, 4);
  });

  // Staged Delete carries no selector (reference §3.2), so the outline must not say what it "applies to".
  const stagedRows: [string, string, string][] = [
    ['StagedGlobalNetworkPolicy', 'stagedAction: Delete', 'staged Delete: previews deleting the policy'],
    ['StagedGlobalNetworkPolicy', 'stagedAction: Set', 'every endpoint: all pods in every namespace and all host endpoints'],
  ];
  for (const [kind, spec, detail] of stagedRows) {
    test(`${kind} with ${spec}: outline detail`, () => {
      const s = documentSymbols(parseFile(`apiVersion: projectcalico.org/v3\nkind: ${kind}\nmetadata: {name: x}\nspec:\n  ${spec}\n`));
      assert.equal(s[0]!.detail, detail);
    });
  }

  test('non-policy Calico resources are listed without children', () => {
    const s = documentSymbols(parseFile('apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\nspec: {order: 100}\n'));
    assert.deepEqual(s.map((x) => [x.name, x.children]), [['Tier security', undefined]]);
  });
});

describe('explain request and hover paragraph', () => {
  const file = parseFile(text);

  test('explains the policy at the offset', () => {
    const offset = text.indexOf('host-guard');
    const result = explainPolicy(file, offset);
    assert.equal(result.title, 'GlobalNetworkPolicy host-guard');
    assert.match(result.markdown, /^# GlobalNetworkPolicy `host-guard`/);
  });

  test('defaults to the first policy; empty outside any policy', () => {
    assert.equal(explainPolicy(file).title, 'NetworkPolicy database');
    assert.deepEqual(explainPolicy(file, text.indexOf('ConfigMap')), { markdown: '', title: '' });
    assert.deepEqual(explainPolicy(parseFile('')), { markdown: '', title: '' });
  });

  test('hover paragraph summarises the document policy', () => {
    const doc = file.documents[0]!;
    const paragraph = policySummary(file, doc);
    assert.match(paragraph!, /^Applies to pods `app == "database"` in namespace `yaobank`\. Evaluated in tier `default`/);
    assert.equal(policySummary(file, file.documents[1]!), undefined);
  });
});

describe('edits', () => {
  test('lenses follow an edit of one document while the others are reused', () => {
    const first = parseFile(text);
    const before = codeLenses(first, { uri }).map((l) => l.command?.title);
    const edited = text.replace('    - action: Deny\n', '    - action: Deny\n      protocol: UDP\n');
    const second = parseFile(edited, first);
    const after = codeLenses(second, { uri });
    assert.equal(after[2]!.command!.title, 'Deny UDP to anywhere');
    assert.notEqual(before[2], after[2]!.command!.title);
    // The second policy moved down one line; its lenses moved with it.
    assert.deepEqual(
      after.slice(3).map((l) => l.range.start.line),
      [23, 30],
    );
  });
});

describe('rule lens status', () => {
  test('rules after a catch-all and rules of a direction outside types say they never take effect', () => {
    const yaml = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: p, namespace: n}
spec:
  types: [Ingress]
  ingress:
    - action: Deny
    - action: Allow
      protocol: TCP
  egress:
    - action: Allow
`;
    const titles = codeLenses(parseFile(yaml), { uri }).slice(1).map((l) => l.command?.title);
    assert.deepEqual(titles, [
      'Deny all traffic from anywhere',
      'Allow TCP from anywhere — never reached: rule 1 matches everything first',
      'Allow all traffic to anywhere — ignored: `types` leaves Egress out',
    ]);
  });
});
