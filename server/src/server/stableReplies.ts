// Big answers (the outline, code lenses) come back almost unchanged after a keystroke: the features keep each
// document's part while its text is unchanged. A reply made of such parts keeps each part's encoded JSON, so
// after a keystroke only the changed document's part is encoded again and the rest is copied bytes.
import type { ContentTypeEncoder } from 'vscode-languageserver/node';

/** What a reply array was joined from: items encoded afresh, then the stable parts. */
const partsOf = new WeakMap<object, { fresh: readonly unknown[]; parts: readonly (readonly unknown[])[] }>();
/** A part's items as JSON, without the surrounding brackets. */
const encodedPart = new WeakMap<object, Buffer>();
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/**
 * Joins `fresh` items (encoded on every reply) and per-document parts into one reply array. Each part is frozen:
 * its encoded bytes are kept, so it must never change afterwards (a change then fails loudly, not silently).
 */
export function joinStableParts<T>(parts: readonly (readonly T[])[], fresh: readonly T[] = []): T[] {
  const reply: T[] = [...fresh];
  for (const part of parts) {
    deepFreeze(part);
    for (const item of part) reply.push(item);
  }
  partsOf.set(reply, { fresh, parts });
  return reply;
}

function partBytes(part: readonly unknown[]): Buffer {
  let bytes = encodedPart.get(part);
  if (!bytes) encodedPart.set(part, (bytes = Buffer.from(JSON.stringify(part).slice(1, -1), 'utf8')));
  return bytes;
}

interface ArrayResponse {
  jsonrpc: string;
  id: number | string | null;
  result: unknown[];
}

const RESPONSE_KEYS = new Set(['jsonrpc', 'id', 'result']);

function isJoinedResponse(message: unknown): message is ArrayResponse {
  const m = message as Partial<ArrayResponse>;
  return typeof m === 'object' && m !== null && Array.isArray(m.result) && partsOf.has(m.result) && Object.keys(m).every((key) => RESPONSE_KEYS.has(key));
}

/** Encodes one JSON-RPC message; a reply joined from stable parts re-uses their bytes. */
export function encodeMessage(message: unknown): Buffer {
  if (!isJoinedResponse(message)) return Buffer.from(JSON.stringify(message), 'utf8');
  const out: Buffer[] = [Buffer.from(`{"jsonrpc":${JSON.stringify(message.jsonrpc)},"id":${JSON.stringify(message.id)},"result":[`, 'utf8')];
  const { fresh, parts } = partsOf.get(message.result)!;
  let first = true;
  const add = (bytes: Buffer) => {
    if (!first) out.push(COMMA);
    out.push(bytes);
    first = false;
  };
  if (fresh.length > 0) add(Buffer.from(JSON.stringify(fresh).slice(1, -1), 'utf8'));
  for (const part of parts) if (part.length > 0) add(partBytes(part));
  out.push(CLOSE);
  return Buffer.concat(out);
}

/** The JSON content encoder of the server's stdio connection. */
export const stableRepliesEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (message) => {
    try {
      return Promise.resolve(encodeMessage(message));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
