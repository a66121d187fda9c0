// What an editor notices of the incremental answers: token deltas that rebuild exactly the new tokens,
// lenses whose titles come on resolve, and requests that end as cancelled or outdated instead of answering late.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  DocumentSymbolRequest,
  LSPErrorCodes,
  ResponseError,
  type CodeLens,
  type SemanticTokens,
  type SemanticTokensDelta,
  type SemanticTokensLegend,
} from 'vscode-languageserver-protocol/node';
import { LspTestClient, testUri, decodeSemanticTokens, positionAt } from '../support/lspClient';
import { CheckTrafficCommand, ExplainPolicyCommand } from '../../protocol';

function policy(name: string, selector: string): string {
  return `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: shop
spec:
  selector: ${selector}
  ingress:
    - action: Allow
      protocol: TCP
      source:
        selector: app == "frontend"
      destination:
        ports: [443]
`;
}

/** Applies LSP token edits to the previous data, as the editor does. */
function applyEdits(previous: readonly number[], delta: SemanticTokensDelta): number[] {
  let data = [...previous];
  for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) data.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return data;
}

let client: LspTestClient;
let legend: SemanticTokensLegend;
before(async () => {
  client = await LspTestClient.start({ settings: {} });
  legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
});
after(async () => {
  await client?.shutdown();
});

describe('semantic tokens delta', () => {
  test('the server offers full/delta and range', () => {
    const provider = client.initializeResult.capabilities.semanticTokensProvider!;
    assert.deepEqual(provider.full, { delta: true });
    assert.equal(provider.range, true);
  });

  test('a delta after an edit in one policy rebuilds exactly the new tokens, touching only that policy', async () => {
    const uri = testUri();
    const text = [policy('a', 'app == "api"'), policy('b', 'app == "db"'), policy('c', 'app == "web"')].join('');
    await client.open(uri, text);
    const first = (await client.semanticTokens(uri)) as SemanticTokens;
    assert.ok(first.resultId, 'a full answer carries a result id');
    await client.edit(uri, 'app == "db"', 'app == "db" && has(tier)');
    const delta = await client.semanticTokensDelta(uri, first.resultId!);
    assert.ok(delta && 'edits' in delta, 'an answer to a known result id is a delta');
    const rebuilt = applyEdits(first.data, delta);
    const now = client.textOf(uri);
    const decoded = decodeSemanticTokens(rebuilt, legend);
    // The typed `&& has(tier)` is coloured where it now is in the file.
    const at = (piece: string) => positionAt(now, now.indexOf(piece));
    assert.ok(decoded.some((t) => t.type === 'operator' && t.line === at('&& has').line && t.character === at('&& has').character && t.length === 2));
    assert.ok(decoded.some((t) => t.type === 'function' && t.line === at('has(tier)').line && t.character === at('has(tier)').character && t.length === 3));
    assert.ok(decoded.some((t) => t.type === 'property' && t.line === at('tier)').line && t.character === at('tier)').character && t.length === 4));
    // Same as asking for everything again.
    const full = (await client.semanticTokens(uri)) as SemanticTokens;
    assert.deepEqual(rebuilt, full.data);
    // Policies a and c kept their tokens: the edit covers less than the whole data.
    const replaced = delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0);
    assert.ok(replaced < full.data.length / 2, `the delta resends ${replaced} of ${full.data.length} numbers`);
    await client.close(uri);
  });

  test('a delta against an unknown result id answers with all tokens', async () => {
    const uri = testUri();
    const text = policy('a', 'app == "api"');
    await client.open(uri, text);
    const answer = await client.semanticTokensDelta(uri, 'no-such-result');
    assert.ok(answer && 'data' in answer);
    // selector app == "api" and app == "frontend": property, operator, string twice.
    assert.equal(decodeSemanticTokens(answer.data, legend).length, 6);
    await client.close(uri);
  });

  test('an edit that adds lines above a policy moves its tokens down in the delta', async () => {
    const uri = testUri();
    const text = [policy('a', 'app == "api"'), policy('b', 'app == "db"')].join('');
    await client.open(uri, text);
    const first = (await client.semanticTokens(uri)) as SemanticTokens;
    await client.edit(uri, '  namespace: shop\n', '  namespace: shop\n  labels:\n    team: x\n');
    const delta = (await client.semanticTokensDelta(uri, first.resultId!)) as SemanticTokensDelta;
    const now = client.textOf(uri);
    const decoded = decodeSemanticTokens(applyEdits(first.data, delta), legend);
    const db = positionAt(now, now.indexOf('"db"'));
    assert.ok(decoded.some((t) => t.type === 'string' && t.line === db.line && t.character === db.character));
    await client.close(uri);
  });
});

describe('code lens resolve', () => {
  test('lenses arrive without titles; resolving one gives its title and the explain command', async () => {
    const uri = testUri();
    const text = policy('a', 'app == "api"');
    await client.open(uri, text);
    assert.equal(client.initializeResult.capabilities.codeLensProvider?.resolveProvider, true);
    // The "Check traffic…" lens has a fixed title and comes resolved (test/lsp/simulate.test.ts); the rest are resolved on demand.
    const lenses = ((await client.codeLenses(uri)) ?? []).filter((l) => l.command?.command !== CheckTrafficCommand);
    assert.ok(lenses.length >= 2);
    assert.ok(lenses.every((l) => l.command === undefined), 'titles are computed on resolve');
    const ruleLine = positionAt(text, text.indexOf('- action: Allow')).line;
    const ruleLens = lenses.find((l) => l.range.start.line === ruleLine)!;
    const resolved = await client.resolveCodeLens(ruleLens);
    assert.equal(resolved.command?.title, 'Allow TCP from endpoints `app == "frontend"` in namespace `shop` to port 443');
    assert.equal(resolved.command?.command, ExplainPolicyCommand);
    assert.deepEqual(resolved.command?.arguments, [uri, resolved.range.start]);
    await client.close(uri);
  });

  test('resolving a lens whose policy was deleted meanwhile says the content changed', async () => {
    const uri = testUri();
    const text = policy('a', 'app == "api"') + policy('b', 'app == "db"');
    await client.open(uri, text);
    const lenses = (await client.codeLenses(uri)) ?? [];
    const bLine = positionAt(text, text.lastIndexOf('apiVersion')).line;
    const stale = lenses.find((l) => l.range.start.line === bLine)!;
    await client.edit(uri, policy('b', 'app == "db"'), '');
    await assert.rejects(client.resolveCodeLens(stale), (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified);
    await client.close(uri);
  });
});

describe('stale requests', () => {
  /** Big enough that a first outline takes many slices of work. */
  const big = Array.from({ length: 400 }, (_, i) => policy(`p${i}`, `app == "a${i}"`)).join('');

  test('a cancelled outline request ends as RequestCancelled', async () => {
    const uri = testUri();
    await client.open(uri, big);
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }, source.token);
    source.cancel();
    await assert.rejects(pending, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    await client.close(uri);
  });

  test('an outline request overtaken by an edit ends as ContentModified, and the next one answers', async () => {
    const uri = testUri();
    await client.open(uri, big);
    const pending = client.documentSymbols(uri);
    await client.edit(uri, 'name: p0\n', 'name: p0x\n');
    await assert.rejects(pending, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified);
    const fresh = (await client.documentSymbols(uri)) as { name: string }[];
    assert.equal(fresh.length, 400);
    assert.equal(fresh[0]!.name, 'NetworkPolicy p0x');
    await client.close(uri);
  });
});

describe('lenses of many policies', () => {
  test('every policy and rule has its lens at its line', async () => {
    const uri = testUri();
    const text = Array.from({ length: 30 }, (_, i) => policy(`p${i}`, `app == "a${i}"`)).join('');
    await client.open(uri, text);
    const lenses: CodeLens[] = ((await client.codeLenses(uri)) ?? []).filter((l) => l.command?.command !== CheckTrafficCommand);
    const lines = (needle: string) => {
      const out: number[] = [];
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push(positionAt(text, at).line);
      return out;
    };
    assert.deepEqual(
      lenses.map((l) => l.range.start.line),
      lines('apiVersion').flatMap((p, i) => [p, lines('- action')[i]!]),
    );
    await client.close(uri);
  });
});
