// The schema's kind table is the one place that lists the kinds and what is true of each; the schema imports
// nothing above it, so document → schema has no cycle.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { kindInfo, kindTable, policyKinds } from '../../../server/src/schema';

const src = join(import.meta.dirname, '../../../server/src');
const kinds = (pick: (k: (typeof kindTable)[number]) => boolean) => kindTable.filter(pick).map((k) => k.kind).sort();

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('kind table (Calico resource reference)', () => {
  test('policy kinds with Calico rules: NetworkPolicy, GlobalNetworkPolicy and their staged forms', () => {
    assert.deepEqual([...policyKinds].sort(), ['GlobalNetworkPolicy', 'NetworkPolicy', 'StagedGlobalNetworkPolicy', 'StagedNetworkPolicy']);
    assert.equal(kindInfo('StagedKubernetesNetworkPolicy')?.isPolicy, false);
    assert.equal(kindInfo('StagedKubernetesNetworkPolicy')?.hasRules, true);
  });
  test('namespaced Calico Open Source kinds', () => {
    assert.deepEqual(kinds((k) => k.namespaced && k.edition === 'oss'), ['NetworkPolicy', 'NetworkSet', 'StagedKubernetesNetworkPolicy', 'StagedNetworkPolicy']);
  });
  test('kinds whose labels rule selectors match: network sets and host endpoints', () => {
    assert.deepEqual(kinds((k) => k.carriesLabels), ['GlobalNetworkSet', 'HostEndpoint', 'NetworkSet']);
  });
  test('staged kinds', () => {
    assert.deepEqual(kinds((k) => k.staged), ['StagedGlobalNetworkPolicy', 'StagedKubernetesNetworkPolicy', 'StagedNetworkPolicy']);
  });
  test('Enterprise-only kinds are known but not checked field by field', () => {
    for (const kind of ['GlobalAlert', 'GlobalThreatFeed', 'PacketCapture', 'DeepPacketInspection', 'EgressGatewayPolicy', 'LicenseKey']) {
      const info = kindInfo(kind);
      assert.equal(info?.edition, 'enterprise', kind);
      assert.equal(info?.checked, false, kind);
      assert.match(info!.doc, /Calico Enterprise/);
    }
    assert.equal(kindInfo('PacketCapture')?.namespaced, true);
    assert.equal(kindInfo('GlobalThreatFeed')?.namespaced, false);
  });
});

describe('one list of kinds, imports pointing down', () => {
  test('no module outside the schema spells out the staged policy kinds', () => {
    const offenders = sourceFiles(src)
      .filter((f) => !relative(src, f).startsWith('schema/'))
      // The cluster reader maps each kind to its API plural; its per-kind flags come from the kind table.
      .filter((f) => relative(src, f) !== 'cluster/policyKinds.ts')
      .filter((f) => /'Staged(Global)?NetworkPolicy'/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f));
    assert.deepEqual(offenders, []);
  });
  test('the schema imports only itself', () => {
    const bad = sourceFiles(join(src, 'schema')).flatMap((f) => importsOf(f).filter((i) => !i.startsWith('./')).map((i) => `${relative(src, f)} → ${i}`));
    assert.deepEqual(bad, []);
  });
  test('the document layer imports only itself, the schema and the yaml parser', () => {
    const bad = sourceFiles(join(src, 'document')).flatMap((f) => importsOf(f).filter((i) => !(i.startsWith('./') || i.startsWith('../schema') || i === 'yaml')).map((i) => `${relative(src, f)} → ${i}`));
    assert.deepEqual(bad, []);
  });
});
