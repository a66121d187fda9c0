// Replies joined from per-document parts: the bytes on the wire are the JSON of the whole reply, and a part
// once sent can no longer change under the bytes kept for it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeMessage, joinStableParts } from '../../../server/src/server/stableReplies';

const symbol = (name: string, line: number) => ({ name, kind: 5, range: { start: { line, character: 0 }, end: { line: line + 3, character: 0 } } });

function decoded(message: unknown): unknown {
  return JSON.parse(encodeMessage(message).toString('utf8'));
}

describe('stable replies', () => {
  test('a joined reply encodes to the same JSON as the plain array, fresh items first, empty parts skipped', () => {
    const parts = [[symbol('a', 0), symbol('b', 4)], [], [symbol('c "quoted" — ünïcode', 9)], []];
    const fresh = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: 'selected by 2 policies', command: 'x' } }];
    const result = joinStableParts<unknown>(parts, fresh);
    const message = { jsonrpc: '2.0', id: 7, result };
    assert.deepEqual(decoded(message), { jsonrpc: '2.0', id: 7, result: [...fresh, ...parts.flat()] });
    assert.equal(result.length, 4);
  });

  test('a reply of empty parts is an empty array, and a string id stays a string', () => {
    assert.deepEqual(decoded({ jsonrpc: '2.0', id: 'req-1', result: joinStableParts([[], []]) }), { jsonrpc: '2.0', id: 'req-1', result: [] });
  });

  test('the same part sent in two replies gives the same bytes next to a changed part', () => {
    const kept = [symbol('kept', 0)];
    const first = encodeMessage({ jsonrpc: '2.0', id: 1, result: joinStableParts([kept, [symbol('edited', 5)]]) }).toString();
    const second = encodeMessage({ jsonrpc: '2.0', id: 2, result: joinStableParts([kept, [symbol('edited again', 5)]]) }).toString();
    assert.deepEqual(JSON.parse(first).result.map((s: { name: string }) => s.name), ['kept', 'edited']);
    assert.deepEqual(JSON.parse(second).result.map((s: { name: string }) => s.name), ['kept', 'edited again']);
  });

  test('a part is frozen once joined: changing it afterwards fails instead of sending stale JSON', () => {
    const part = [symbol('p', 0)];
    joinStableParts([part]);
    assert.throws(() => {
      (part[0] as { name: string }).name = 'changed';
    }, TypeError);
    assert.throws(() => {
      part[0]!.range.start.line = 3;
    }, TypeError);
    assert.throws(() => part.push(symbol('q', 1)), TypeError);
  });

  test('other messages are plain JSON: notifications, errors, arrays not joined, non-array results', () => {
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.yaml', diagnostics: [] } },
      { jsonrpc: '2.0', id: 3, error: { code: -32801, message: 'the document changed' } },
      { jsonrpc: '2.0', id: 4, result: [symbol('plain', 1)] },
      { jsonrpc: '2.0', id: 5, result: { data: [1, 2, 3] } },
      { jsonrpc: '2.0', id: 6, result: null },
    ];
    for (const m of messages) assert.equal(encodeMessage(m).toString('utf8'), JSON.stringify(m));
  });
});
