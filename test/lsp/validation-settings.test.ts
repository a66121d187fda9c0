// The server feeds the validator per-resource settings (calico.edition) and the tiers that exist (built-in,
// the workspace's Tier manifests, open files), so POL-TIER-EXISTS fires for users.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient, testUri } from '../support/lspClient';

const tier = (name: string) => `apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: ${name}\nspec:\n  order: 100\n`;
const policyIn = (t: string) => `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: ${t}.web\n  namespace: shop\nspec:\n  tier: ${t}\n  selector: all()\n`;
const gns = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata:\n  name: external\n  labels:\n    role: external\nspec:\n  allowedEgressDomains: [api.example.com]\n';

let client: LspTestClient;
let dir: string;
let edition = 'oss';
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'calico-lsp-tiers-'));
  mkdirSync(join(dir, 'tiers'));
  writeFileSync(join(dir, 'tiers', 'security.yaml'), tier('security'));
  client = await LspTestClient.start({
    settings: () => ({ calicoVersion: 'latest', edition }),
    workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }],
  });
});
after(async () => {
  await client?.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));

describe('POL-TIER-EXISTS in the editor', () => {
  test('warns on a tier that exists nowhere, not on one declared in an unopened workspace file', async () => {
    const missing = testUri();
    const known = testUri();
    await client.open(known, policyIn('security'));
    await client.open(missing, policyIn('nosuch'));
    // The workspace scan finishes after start; the diagnostics are published again when it does.
    const ds = await client.waitFor(() => {
      const d = client.lastDiagnostics(missing);
      return d && codes(d).includes('POL-TIER-EXISTS') ? d : undefined;
    }, 'POL-TIER-EXISTS on tier nosuch');
    assert.match(String(ds.find((d) => d.code === 'POL-TIER-EXISTS')!.message), /`nosuch`/);
    assert.ok(!codes(await client.diagnostics(known)).includes('POL-TIER-EXISTS'));
  });

  test('a Tier in an open document counts too', async () => {
    const uri = testUri();
    await client.open(uri, `${tier('platform')}---\n${policyIn('platform')}`);
    assert.ok(!codes(await client.diagnostics(uri)).includes('POL-TIER-EXISTS'));
  });
});

describe('calico.edition in the editor', () => {
  test('oss reports Enterprise fields as errors; enterprise accepts them', async () => {
    const uri = testUri();
    await client.open(uri, gns);
    const oss = await client.diagnostics(uri);
    assert.deepEqual(codes(oss), ['EDITION-OSS']);
    edition = 'enterprise';
    await client.changeSettings(() => ({ calicoVersion: 'latest', edition }));
    await client.waitFor(() => (client.lastDiagnostics(uri)?.length === 0 ? true : undefined), 'no diagnostics under enterprise');
  });
});
