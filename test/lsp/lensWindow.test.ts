// Code lenses on a big file follow what the editor shows (calico/visibleRanges), and outline rules give way
// to Ingress/Egress counts past `calico.outline.maxRules`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeLens, DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspTestClient, testUri, fullCapabilities } from '../support/lspClient';
import { VisibleRangesNotification, type VisibleRangesParams } from '../../protocol';

/** A policy of 12 lines with two ingress rules; its name is on its 4th line. */
function policy(i: number): string {
  return `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: p${i}
  namespace: yaobank
spec:
  selector: app == "a${i}"
  ingress:
    - action: Allow
      source: {selector: app == "b"}
    - action: Deny
`;
}

const LINES_PER_POLICY = 12;
/** 6,000 lines: big enough for lenses to follow the editor. */
const bigFile = Array.from({ length: 500 }, (_, i) => policy(i)).join('');

const shown = (uri: string, first: number, last: number): VisibleRangesParams => ({ uri, ranges: [{ start: { line: first, character: 0 }, end: { line: last, character: 0 } }] });
const lensLines = (lenses: CodeLens[] | null) => (lenses ?? []).map((l) => l.range.start.line);

describe('code lenses around the visible lines of a big file', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({
      settings: { cluster: { enabled: false } },
      env: { KUBECONFIG: '/nonexistent' },
      capabilities: { ...fullCapabilities, workspace: { ...fullCapabilities.workspace, codeLens: { refreshSupport: true } } },
    });
  });
  after(() => client?.shutdown());

  test('an editor that never says what it shows gets every lens', async () => {
    const uri = testUri('all-lenses.yaml');
    await client.open(uri, bigFile);
    const lines = lensLines(await client.codeLenses(uri));
    assert.equal(Math.min(...lines), 1);
    assert.ok(Math.max(...lines) > 5900, 'lenses down to the last policy');
    assert.equal(new Set(lines).size, 500 * 3, 'lenses at each policy and each of its two rules');
  });

  test('once the editor shows lines 3000–3060, lenses cover them and a margin, not the far ends', async () => {
    const uri = testUri('windowed.yaml');
    await client.open(uri, bigFile);
    await client.connection.sendNotification(VisibleRangesNotification, shown(uri, 3000, 3060));
    const lines = lensLines(await client.codeLenses(uri));
    assert.ok(lines.length > 0 && lines.length < 500 * 3, `${lines.length} lenses`);
    for (let line = 3000; line <= 3060; line++) {
      // Every policy start on screen has its lens.
      if ((line - 1) % LINES_PER_POLICY === 0) assert.ok(lines.includes(line), `lens at line ${line}`);
    }
    assert.ok(!lines.includes(1), 'no lens at the top of the file');
    assert.ok(Math.max(...lines) < 5000, 'no lens near the end');
  });

  test('scrolling past the lenses sent asks the editor to fetch them again; the next answer covers the new place', async () => {
    const uri = testUri('scrolled.yaml');
    await client.open(uri, bigFile);
    await client.connection.sendNotification(VisibleRangesNotification, shown(uri, 100, 160));
    assert.ok(!lensLines(await client.codeLenses(uri)).includes(5401));
    const before = client.codeLensRefreshes;
    await client.connection.sendNotification(VisibleRangesNotification, shown(uri, 120, 180));
    await client.connection.sendNotification(VisibleRangesNotification, shown(uri, 5380, 5440));
    await client.waitFor(() => (client.codeLensRefreshes > before ? true : undefined), 'a code lens refresh');
    assert.equal(client.codeLensRefreshes, before + 1, 'one refresh: the small scroll needed none');
    const lines = lensLines(await client.codeLenses(uri));
    assert.ok(lines.includes(5401), 'the policy at line 5401 has its lens now');
    assert.ok(!lines.includes(1));
  });

  test('a small file gets every lens whatever the editor shows', async () => {
    const uri = testUri('small.yaml');
    const small = Array.from({ length: 20 }, (_, i) => policy(i)).join('');
    await client.open(uri, small);
    await client.connection.sendNotification(VisibleRangesNotification, shown(uri, 0, 10));
    assert.equal(new Set(lensLines(await client.codeLenses(uri))).size, 20 * 3);
  });
});

describe('outline of a file with very many rules', () => {
  const text = Array.from({ length: 3 }, (_, i) => policy(i)).join('');

  for (const [maxRules, listed] of [
    [undefined, true],
    [6, true],
    [5, false],
    [0, false],
  ] as const) {
    test(`calico.outline.maxRules ${maxRules ?? '(default)'}: six rules ${listed ? 'are listed' : 'give way to Ingress counts'}`, async () => {
      const client = await LspTestClient.start({ settings: { cluster: { enabled: false }, ...(maxRules === undefined ? {} : { outline: { maxRules } }) }, env: { KUBECONFIG: '/nonexistent' } });
      try {
        const uri = testUri('many-rules.yaml');
        await client.open(uri, text);
        const symbols = ((await client.documentSymbols(uri)) ?? []) as DocumentSymbol[];
        assert.deepEqual(symbols.map((s) => s.name), ['NetworkPolicy p0', 'NetworkPolicy p1', 'NetworkPolicy p2']);
        for (const s of symbols) {
          const ingress = s.children!.find((c) => c.name === 'Ingress')!;
          assert.equal(ingress.detail, '2 rules');
          if (listed) assert.deepEqual(ingress.children!.map((r) => r.name.split(' ')[0]), ['Allow', 'Deny']);
          else assert.equal(ingress.children?.length ?? 0, 0);
        }
      } finally {
        await client.shutdown();
      }
    });
  }
});
