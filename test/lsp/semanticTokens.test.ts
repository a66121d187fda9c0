// Semantic tokens for selector parts, decoded back to exact file positions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { SemanticTokensLegend } from 'vscode-languageserver-protocol/node';
import { LspTestClient, testUri, decodeSemanticTokens, positionAt } from '../support/lspClient';

let client: LspTestClient;
let legend: SemanticTokensLegend;
before(async () => {
  client = await LspTestClient.start({ settings: {} });
  legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
});
after(async () => {
  await client?.shutdown();
});

/** The expected token for the `occurrence`-th `piece` of `text`. */
function tok(text: string, piece: string, type: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(piece, at + 1);
  assert.ok(at >= 0, piece);
  const p = positionAt(text, at);
  return { line: p.line, character: p.character, length: piece.length, type, modifiers: [] as string[] };
}

async function tokensOf(text: string) {
  const uri = testUri();
  await client.open(uri, text);
  const r = await client.semanticTokens(uri);
  await client.close(uri);
  return decodeSemanticTokens(r?.data ?? [], legend);
}

test('the legend uses standard token types', () => {
  assert.deepEqual(legend.tokenTypes, ['property', 'operator', 'string', 'function']);
});

test('keys, operators, values and functions of a plain selector', async () => {
  const text = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: p
spec:
  selector: app == "web" && !has(tier) || role in {'a', 'b'}
`;
  assert.deepEqual(await tokensOf(text), [
    tok(text, 'app', 'property'),
    tok(text, '==', 'operator'),
    tok(text, '"web"', 'string'),
    tok(text, '&&', 'operator'),
    tok(text, '!', 'operator'),
    tok(text, 'has', 'function'),
    tok(text, 'tier', 'property', 0),
    tok(text, '||', 'operator'),
    tok(text, 'role', 'property'),
    tok(text, 'in', 'operator', 1),
    tok(text, "'a'", 'string'),
    tok(text, "'b'", 'string'),
  ]);
});

test('positions inside a double-quoted YAML scalar with an escape are exact', async () => {
  const text = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: p
  namespace: n
spec:
  ingress:
    - action: Allow
      source:
        selector: "a\\u0020== 'x'"
`;
  // The YAML escape \\u0020 is one space in the selector, six characters in the file.
  assert.deepEqual(await tokensOf(text), [tok(text, 'a\\u', 'property'), tok(text, '==', 'operator'), tok(text, "'x'", 'string')].map((t, i) =>
    i === 0 ? { ...t, length: 1 } : t,
  ));
});

test('a selector folded over two lines yields one token per line', async () => {
  const text = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: p
spec:
  selector: app == "a
    b"
`;
  const tokens = await tokensOf(text);
  const strings = tokens.filter((t) => t.type === 'string');
  assert.deepEqual(strings, [
    { ...tok(text, '"a', 'string') },
    { ...tok(text, 'b"', 'string') },
  ]);
});

test('non-Calico YAML gets no tokens', async () => {
  assert.deepEqual(await tokensOf('kind: Deployment\nspec:\n  selector: app == "x"\n'), []);
});

test('a range request covers the documents in view', async () => {
  const first = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: a
spec:
  selector: a == "1"
`;
  const second = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: b
spec:
  selector: b != "2"
`;
  const text = `${first}---\n${second}`;
  const uri = testUri();
  await client.open(uri, text);
  const start = positionAt(text, text.indexOf('---'));
  const r = await client.semanticTokensRange(uri, { start, end: positionAt(text, text.length) });
  await client.close(uri);
  assert.deepEqual(decodeSemanticTokens(r?.data ?? [], legend), [tok(text, 'b ', 'property', 0), tok(text, '!=', 'operator'), tok(text, '"2"', 'string')].map((t) =>
    t.type === 'property' ? { ...t, length: 1 } : t,
  ));
});
