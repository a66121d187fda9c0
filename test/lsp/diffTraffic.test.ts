// `calico/diffTraffic` through a real server: which flows change verdict if one document were applied to the
// workspace (the tutorial's files), with the deciding rule before and after; the document itself is left out of "before".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LspTestClient } from '../support/lspClient';
import { openExamplesWorkspace, type ExamplesWorkspace } from '../support/examplesWorkspace';
import { DiffTrafficRequest, type DiffTrafficResult } from '../../protocol';

const CUSTOMER = 'yaobank-customer/customer';
const SUMMARY = 'yaobank-summary/summary';

// Ordered before p-customer2summary (which has no order, so comes last): its Deny decides summary's ingress first.
const DENY_SUMMARY = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: summary-deny-all
  namespace: yaobank-summary
spec:
  order: 10
  selector: app == "summary"
  ingress:
    - action: Deny
  types:
    - Ingress
`;

describe('what changes if I apply this (calico/diffTraffic over LSP)', () => {
  let client: LspTestClient;
  let folder: string;

  let workspace: ExamplesWorkspace | undefined;
  before(async () => {
    workspace = await openExamplesWorkspace('calico-difftraffic-');
    ({ client, folder } = workspace);
  });
  after(async () => {
    await workspace?.close();
  });

  test('a deny-all for summary makes customer → summary TCP/80 denied, deciding rules before and after', async () => {
    // On disk in the workspace too: "before" must still be the workspace without this file.
    const path = join(folder, 'policies/summary-deny-all.yaml');
    writeFileSync(path, DENY_SUMMARY);
    const uri = pathToFileURL(path).href;
    await client.open(uri, DENY_SUMMARY);
    const r = await client.request<DiffTrafficResult>(DiffTrafficRequest, { uri });
    const flow = r.changes.find((c) => c.from === CUSTOMER && c.to === SUMMARY && c.protocol === 'TCP' && c.port === 80);
    assert.ok(flow, `customer → summary TCP/80 among the changes: ${JSON.stringify(r.changes.map((c) => `${c.from}->${c.to} ${c.protocol}/${c.port}`))}`);
    assert.equal(flow.change, 'becomes-denied');
    assert.equal(flow.before.verdict, 'allow');
    assert.equal(flow.before.decidedBy.policy, 'yaobank-summary/p-customer2summary');
    assert.equal(flow.before.decidedBy.side, 'ingress');
    assert.equal(flow.before.decidedBy.ruleIndex, 0);
    assert.equal(flow.before.decidedBy.reason, 'rule');
    assert.equal(flow.after.verdict, 'deny');
    assert.equal(flow.after.decidedBy.policy, 'yaobank-summary/summary-deny-all');
    assert.equal(flow.after.decidedBy.side, 'ingress');
    assert.equal(flow.after.decidedBy.ruleIndex, 0);
    assert.equal(flow.after.decidedBy.tier, 'default');
    assert.match(flow.after.decision, /summary-deny-all ingress rule 0/);
    // Only ingress to summary is touched, and a Deny can only take flows away.
    for (const c of r.changes) {
      assert.equal(c.to, SUMMARY, `${c.from} -> ${c.to}`);
      assert.equal(c.change, 'becomes-denied');
    }
    assert.ok(r.checked.ports.some((p) => p.protocol === 'TCP' && p.port === 80), 'TCP/80 (named by p-external2customer) is probed');
    assert.ok(r.checked.flows > r.changes.length);
    // Cluster access is off here, so cluster + workspace means the workspace alone: nothing is missing to warn about.
    assert.deepEqual(r.warnings, []);
    await client.close(uri);
    rmSync(path);
  });

  test('unsaved editor text is what is applied: a document with only a comment changes nothing', async () => {
    const uri = pathToFileURL(join(folder, 'policies/unsaved.yaml')).href;
    await client.open(uri, '# nothing to apply yet\n');
    const r = await client.request<DiffTrafficResult>(DiffTrafficRequest, { uri });
    assert.deepEqual(r.changes, []);
    assert.ok(r.checked.flows > 0);
    await client.close(uri);
  });

  test('a document neither open nor in the workspace is refused with a sentence', async () => {
    await assert.rejects(client.request(DiffTrafficRequest, { uri: pathToFileURL(join(folder, 'nowhere.yaml')).href }), /open it/);
    await assert.rejects(client.request(DiffTrafficRequest, {}), /uri/);
  });
});
