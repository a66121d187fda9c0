// Random edits that add, remove and break `---` separators (and directives) still re-parse to exactly what a
// fresh parse of the edited text gives: the incremental split of sections must agree with the full one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { parseFile, type ParsedFile } from '../../../server/src/document';

const doc = (i: number) => `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: p${i}
spec:
  selector: app == "a${i}"
  ingress:
    - action: Allow
`;

function shape(file: ParsedFile): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    out.push([n.range ? [...n.range] : null, isScalar(n) ? n.value : null]);
    if (isMap(n) || isSeq(n)) for (const item of n.items) if (isPair(item)) (walk(item.key), walk(item.value)); else walk(item);
  };
  for (const d of file.documents) {
    out.push(['doc', d.index, d.start, d.end, d.resource?.name ?? null, d.yaml.errors.map((e) => [e.code, [...e.pos]])]);
    walk(d.yaml.contents);
  }
  return out;
}

/** A small deterministic generator (mulberry32), so a failure replays exactly. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['---\n', '\n---\n', '---', '-', '\n', 'x', '  ', '# c\n', 'kind: Tier\n', '%YAML 1.2\n', '--- # s\n', '...\n'];

test('300 random edits re-parse like a fresh parse after every step, line numbers included', () => {
  const next = random(20261206);
  let text = Array.from({ length: 6 }, (_, i) => doc(i)).join('---\n');
  let file = parseFile(text);
  for (let step = 0; step < 300; step++) {
    const at = Math.floor(next() * (text.length + 1));
    if (next() < 0.55) {
      text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
    } else {
      const length = Math.floor(next() * 12);
      text = text.slice(0, at) + text.slice(at + length);
    }
    // Keep the file from shrinking to nothing, so separators keep being tested.
    if (text.length < 200) text += '---\n' + doc(step);
    file = parseFile(text, file);
    const fresh = parseFile(text);
    assert.deepEqual(shape(file), shape(fresh), `step ${step}`);
    // Line numbers too (the line index is carried over from the previous parse, not rescanned).
    const probes = [0, at, Math.floor(next() * text.length), text.length];
    assert.deepEqual(probes.map((o) => file.lines.positionAt(o)), probes.map((o) => fresh.lines.positionAt(o)), `lines at step ${step}`);
    assert.equal(file.lines.lineCount, fresh.lines.lineCount);
  }
});

test('joining a separator onto the line above (deleting its line break) merges the two sections', () => {
  const text = [doc(0), doc(1), doc(2)].join('---\n');
  const first = parseFile(text);
  const cut = text.indexOf('\n---\n');
  // `    - action: Allow---` is no separator any more: policies 0 and 1 become one document.
  const joined = text.slice(0, cut) + text.slice(cut + 1);
  const file = parseFile(joined, first);
  assert.deepEqual(shape(file), shape(parseFile(joined)));
  assert.equal(file.documents.length, 2);
});

test('typing a separator at the start of a line splits a section in two', () => {
  const text = [doc(0), doc(1)].join('---\n');
  const first = parseFile(text);
  const at = text.indexOf('spec:');
  const split = text.slice(0, at) + '---\n' + text.slice(at);
  const file = parseFile(split, first);
  assert.deepEqual(shape(file), shape(parseFile(split)));
  assert.equal(file.documents.length, 3);
});
