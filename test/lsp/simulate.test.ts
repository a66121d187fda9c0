// The traffic simulator through a real server: `calico/simulate`, `calico/listEndpoints` and `calico/matrix` over the
// tutorial's files on disk, unsaved editor text winning over disk, files added on disk, and bad questions refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LspTestClient } from '../support/lspClient';
import { openExamplesWorkspace, type ExamplesWorkspace } from '../support/examplesWorkspace';
import {
  CheckTrafficCommand,
  ListEndpointsRequest,
  MatrixRequest,
  SimulateRequest,
  type FlowResult,
  type ListEndpointsResult,
  type MatrixResult,
  type SimulateResult,
} from '../../protocol';

const CUSTOMER = 'yaobank-customer/customer';
const SUMMARY = 'yaobank-summary/summary';
const DATABASE = 'yaobank-database/database';

describe('traffic simulation over LSP', () => {
  let client: LspTestClient;
  let folder: string;
  const simulate = async (from: string, to: string, protocol: string, port?: number): Promise<FlowResult> => {
    const answer = await client.request<SimulateResult>(SimulateRequest, { flows: [{ from, to, protocol, ...(port ? { port } : {}) }] });
    assert.equal(answer.results.length, 1);
    return answer.results[0];
  };

  let workspace: ExamplesWorkspace | undefined;
  before(async () => {
    workspace = await openExamplesWorkspace('calico-simulate-');
    ({ client, folder } = workspace);
  });
  after(async () => {
    await workspace?.close();
  });

  test('customer → summary on TCP 80 is allowed by p-customer2summary\'s ingress rule at summary', async () => {
    const r = await simulate(CUSTOMER, SUMMARY, 'TCP', 80);
    assert.equal(r.verdict, 'allow');
    // Both sides judged: customer's egress (p-external2customer lets it call summary), then summary's ingress.
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'default', policy: 'yaobank-summary/p-customer2summary', ruleIndex: 0, reason: 'rule', ...(r.decidedBy.source ? { source: r.decidedBy.source } : {}) });
    assert.equal(r.trace.egress?.verdict, 'allow');
    // Every policy in the trace points at its file and line, for the trace view's links.
    const policy = r.trace.ingress!.tiers[0].policies.find((p) => p.policy === 'yaobank-summary/p-customer2summary')!;
    assert.ok(policy.location, 'policy location');
    assert.match(policy.location!.uri, /p-customer2summary\.yaml$/);
    const lines = readFileSync(join(folder, 'policies/p-customer2summary.yaml'), 'utf8').split('\n');
    assert.match(lines[policy.rules[0].location!.line], /- action: Allow/);
  });

  test('customer → database on TCP 2379 is dropped at customer\'s egress: end of tier default', async () => {
    const r = await simulate(CUSTOMER, DATABASE, 'TCP', 2379);
    assert.equal(r.verdict, 'deny');
    assert.equal(r.decidedBy.side, 'egress');
    assert.equal(r.decidedBy.reason, 'end-of-tier');
    assert.equal(r.decidedBy.tier, 'default');
    assert.equal(r.decidedBy.policy, null);
  });

  test('summary → database on TCP 2379 leaves summary but is denied at database\'s ingress (default-app-policy has no ingress rule)', async () => {
    const r = await simulate(SUMMARY, DATABASE, 'TCP', 2379);
    assert.equal(r.verdict, 'deny');
    assert.equal(r.trace.egress?.verdict, 'allow');
    assert.equal(r.decidedBy.side, 'ingress');
    assert.equal(r.decidedBy.reason, 'end-of-tier');
  });

  test('listEndpoints: the tutorial\'s workloads and coredns, and the ports the policies name', async () => {
    const r = await client.request<ListEndpointsResult>(ListEndpointsRequest, {});
    const workloads = r.endpoints.filter((e) => e.kind === 'workload').map((e) => e.id).sort();
    assert.deepEqual(workloads, ['kube-system/coredns', CUSTOMER, DATABASE, SUMMARY]);
    const ports = r.ports.map((p) => `${p.protocol.toUpperCase()} ${p.port ?? ''}`.trim());
    assert.ok(ports.includes('TCP 80'), JSON.stringify(r.ports));
    assert.ok(ports.includes('UDP 53'), JSON.stringify(r.ports));
    assert.deepEqual(r.warnings, []);
  });

  test('matrix for TCP 80: workloads × workloads, customer → summary allowed, summary → customer denied', async () => {
    const m = await client.request<MatrixResult>(MatrixRequest, { protocol: 'TCP', port: 80 });
    assert.equal(m.protocol, 'TCP');
    assert.equal(m.port, 80);
    assert.equal(m.cells.length, m.rows.length);
    for (const line of m.cells) assert.equal(line.length, m.columns.length);
    const at = (from: string, to: string) => m.cells[m.rows.findIndex((e) => e.id === from)][m.columns.findIndex((e) => e.id === to)];
    assert.equal(at(CUSTOMER, SUMMARY).state, 'allowed');
    assert.equal(at(CUSTOMER, SUMMARY).decidedBy.policy, 'yaobank-summary/p-customer2summary');
    // summary may only call the database: its egress to customer ends at the end of tier default.
    assert.equal(at(SUMMARY, CUSTOMER).state, 'denied');
  });

  test('matrix for chosen rows only: the same cells for those sources, every destination', async () => {
    const m = await client.request<MatrixResult>(MatrixRequest, { protocol: 'TCP', port: 80, rows: [CUSTOMER] });
    assert.deepEqual(m.rows.map((r) => r.id), [CUSTOMER]);
    assert.ok(m.columns.some((c) => c.id === DATABASE));
    assert.equal(m.cells[0][m.columns.findIndex((c) => c.id === SUMMARY)].state, 'allowed');
  });

  test('unsaved editor text wins over the file on disk', async () => {
    const path = join(folder, 'policies/p-customer2summary.yaml');
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, 'utf8');
    // Only port 8080 now: customer → summary:80 no longer matches the ingress rule.
    await client.open(uri, text.replace('    - action: Allow\n      protocol: TCP\n      source:', '    - action: Allow\n      protocol: TCP\n      destination:\n        ports: [8080]\n      source:'));
    const r = await simulate(CUSTOMER, SUMMARY, 'TCP', 80);
    assert.equal(r.verdict, 'deny');
    await client.close(uri);
    assert.equal((await simulate(CUSTOMER, SUMMARY, 'TCP', 80)).verdict, 'allow');
  });

  test('a workload added on disk becomes an endpoint', async () => {
    writeFileSync(
      join(folder, 'yaobank/extra.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: yaobank-customer\n  labels:\n    app: debug\nspec:\n  containers:\n    - name: sh\n      image: busybox\n',
    );
    const deadline = Date.now() + 15000;
    let ids: string[] = [];
    while (Date.now() < deadline) {
      ids = (await client.request<ListEndpointsResult>(ListEndpointsRequest, {})).endpoints.map((e) => e.id);
      if (ids.includes('yaobank-customer/debug')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(ids.includes('yaobank-customer/debug'), ids.join(', '));
  });

  test('"Check traffic…" lenses sit on each workload (as the source) and each policy', async () => {
    const workloadUri = pathToFileURL(join(folder, 'yaobank/customer.yaml')).href;
    await client.open(workloadUri, readFileSync(join(folder, 'yaobank/customer.yaml'), 'utf8'));
    const onWorkload = ((await client.codeLenses(workloadUri)) ?? []).filter((l) => l.command?.command === CheckTrafficCommand);
    assert.deepEqual(onWorkload.map((l) => [l.command!.title, l.command!.arguments]), [['Check traffic…', [{ endpoint: CUSTOMER, uri: workloadUri }]]]);
    // The Deployment is the second document of the file (after its ServiceAccount).
    assert.equal(onWorkload[0].range.start.line, 8);
    const policyUri = pathToFileURL(join(folder, 'policies/p-customer2summary.yaml')).href;
    await client.open(policyUri, readFileSync(join(folder, 'policies/p-customer2summary.yaml'), 'utf8'));
    const onPolicy = ((await client.codeLenses(policyUri)) ?? []).filter((l) => l.command?.command === CheckTrafficCommand);
    assert.deepEqual(onPolicy.map((l) => l.command!.arguments), [[{ policy: 'yaobank-summary/p-customer2summary', uri: policyUri }]]);
    await client.close(workloadUri);
    await client.close(policyUri);
  });

  test('an unknown endpoint is refused with the closest names; malformed flows say what is wrong', async () => {
    await assert.rejects(client.request(SimulateRequest, { flows: [{ from: 'yaobank-customer/custmer', to: SUMMARY, protocol: 'TCP', port: 80 }] }), (e: Error & { code?: number; data?: { suggestions?: string[] } }) => {
      assert.equal(e.code, -32602);
      assert.ok(e.data?.suggestions?.includes(CUSTOMER), JSON.stringify(e.data));
      return true;
    });
    await assert.rejects(client.request(SimulateRequest, { flows: 'everything' }), /flows.*must be an array/);
    await assert.rejects(client.request(SimulateRequest, { flows: [{ from: CUSTOMER, to: SUMMARY, protocol: 'TCP', port: 99999 }] }), /port must be a number from 1 to 65535/);
    await assert.rejects(client.request(MatrixRequest, { port: 80 }), /protocol/);
    // The server is still answering.
    assert.equal((await simulate(CUSTOMER, SUMMARY, 'TCP', 80)).verdict, 'allow');
  });
});
