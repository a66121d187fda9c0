// `semanticTokens/full/delta`: the edit between two placed-chunk lists, found by comparing chunks (one
// per document), not token by token, so a keystroke in one policy of thousands sends only that policy's tokens.
import type { SemanticTokensEdit } from 'vscode-languageserver/node';
import { encodeChunks, type PlacedChunk } from './semanticTokens';

function same(a: PlacedChunk, b: PlacedChunk): boolean {
  return a.chunk === b.chunk && a.head[0] === b.head[0] && a.head[1] === b.head[1];
}

function length(placed: readonly PlacedChunk[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n += placed[i].chunk.data.length;
  return n;
}

/** At most one edit turning the data of `previous` into the data of `next`; none when they are equal. */
export function tokenEdits(previous: readonly PlacedChunk[], next: readonly PlacedChunk[]): SemanticTokensEdit[] {
  let front = 0;
  while (front < previous.length && front < next.length && same(previous[front], next[front])) front++;
  let back = 0;
  while (back < previous.length - front && back < next.length - front && same(previous[previous.length - 1 - back], next[next.length - 1 - back])) back++;
  const deleteCount = length(previous, front, previous.length - back);
  const data = encodeChunks(next, front, next.length - back);
  if (deleteCount === 0 && data.length === 0) return [];
  return [{ start: length(previous, 0, front), deleteCount, data }];
}
