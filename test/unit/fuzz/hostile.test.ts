// Fuzzing with a fixed seed: mutations of the examples and fixtures (deep nesting, alias bombs, huge values,
// unicode, tabs, random splits and truncations) through the lint engine and the CLI in-process, and a smaller
// sample through the editor features. Nothing may throw, report an internal error or grow without bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { MAX_SYNTAX_ERRORS, parseFile, type ParsedFile } from '../../../server/src/document';
import { validateDocument, validateFile } from '../../../server/src/validation';
import { runCli } from '../../../server/src/cli/main';
import { selectorSemanticTokens } from '../../../server/src/features/semanticTokens';
import { documentSymbols } from '../../../server/src/features/documentSymbols';
import { codeLenses } from '../../../server/src/features/codeLens';
import { explainPolicy } from '../../../server/src/features/explain';
import { hover } from '../../../server/src/features/hover';
import { completion } from '../../../server/src/features/completion';
import { codeActions } from '../../../server/src/features/codeActions';
import { readClientFeatures } from '../../../server/src/server/capabilities';

const root = join(import.meta.dirname, '../../..');
function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}
const seeds = [...yamlFiles(join(root, 'examples')), ...yamlFiles(join(root, 'test/fixtures/tutorial')), ...yamlFiles(join(root, 'test/fixtures/rules'))]
  .map((p) => readFileSync(p, 'utf8'))
  .filter((t) => t.length < 20_000);

const bomb = (levels: number) =>
  ['b0: &b0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: levels }, (_, i) => `b${i + 1}: &b${i + 1} [${Array(10).fill(`*b${i}`).join(', ')}]`)].join('\n');
const pieces = [
  '\t', '\u00a0', '\u2028', '\r\n', 'é', '😀', '\u0000', '\ufeff', ': ', '- ', '? ', '"', "'", '{', '}', '[', ']', '|', '>-', '#',
  '&a ', '*a', '*a : 1', '---\n', '...\n', '%YAML 1.2\n', '{{ .Values.x }}', '!!str ', '{ app: database }: x\n', 'selector: ', '==', '!', '(', ')',
  '&&', '||', 'has(', 'all()', '0.0.0.0/0', '\\', '\\"', '<<: *a\n',
];

const mutation = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8, unit: 'grapheme' })) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('split' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('nest' as const), at: fc.nat(), open: fc.constantFrom('[', '{a: ', '[{a: ', '- ', '(', '!(', '!'), n: fc.constantFrom(40, 120, 400, 3000), close: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('blockNest' as const), at: fc.nat(), n: fc.constantFrom(30, 300), seq: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bomb' as const), levels: fc.integer({ min: 3, max: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('huge' as const), at: fc.nat(), n: fc.constantFrom(2_000, 20_000), what: fc.constantFrom('x', ']', ' a == "b" &&', '\\"', '*a, ') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 8 }) }) },
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, m: Mutation): string {
  const at = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.n);
    case 'truncate':
      return text.slice(0, at);
    case 'split':
      return `${text.slice(0, at)}\n---\n${text.slice(at)}`;
    case 'nest': {
      const closing = m.open === '(' || m.open === '!(' ? ')' : m.open.includes('{') ? (m.open.includes('[') ? '}]' : '}') : m.open === '[' ? ']' : '';
      return text.slice(0, at) + m.open.repeat(m.n) + (m.close ? closing.repeat(m.n) : '') + text.slice(at);
    }
    case 'blockNest': {
      const lines = Array.from({ length: m.n }, (_, i) => `${' '.repeat(i)}${m.seq ? '-' : `k${i}:`}`);
      return `${text.slice(0, at)}\n${lines.join('\n')}\n${text.slice(at)}`;
    }
    case 'bomb':
      return `${text}\n${bomb(m.levels)}\n`;
    case 'huge':
      return text.slice(0, at) + m.what.repeat(Math.ceil(m.n / m.what.length)) + text.slice(at);
    case 'repeat':
      return Array(m.times).fill(text).join('\n---\n');
  }
}

const input = fc.record({ seed: fc.nat({ max: seeds.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) });
/** Inputs stay under 200,000 characters, so a few thousand of them run in seconds. */
const build = ({ seed, mutations }: { seed: number; mutations: Mutation[] }) => mutations.reduce((text, m) => apply(text, m).slice(0, 200_000), seeds[seed]);

/** The engine's promises for any input: no internal error, ranges in the file, bounded per-document reports. */
function checkDocuments(file: ParsedFile): void {
  const { text } = file;
  for (const doc of file.documents) {
    const mine = validateDocument(doc, file, { calicoVersion: 'latest' });
    for (const d of mine) {
      assert.notEqual(d.code, 'INTERNAL', d.message);
      assert.ok(d.start >= 0 && d.start <= d.end && d.end <= text.length, `${d.code} at ${d.start}-${d.end} of ${text.length}`);
    }
    const count = (code: string) => mine.filter((d) => d.code === code).length;
    assert.ok(count('YAML-SYNTAX') <= MAX_SYNTAX_ERRORS + 1, `${count('YAML-SYNTAX')} syntax errors in one document`);
    assert.ok(count('YAML-TOO-DEEP') <= 1);
    assert.ok(count('YAML-ALIAS-LIMIT') <= 1);
    if (count('YAML-TOO-DEEP') === 1) assert.equal(mine.length, 1, 'a too-deep document has one diagnostic');
  }
}

test('hostile inputs through the lint engine and the CLI: no throw, bounded diagnostics, exit 0 or 1 by errors', async () => {
  const samples = fc.sample(input, { numRuns: 2000, seed: 0x5eed });
  for (const [i, sample] of samples.entries()) {
    const text = build(sample);
    const where = `input #${i} (${JSON.stringify(sample).slice(0, 300)})`;
    const file = parseFile(text);
    try {
      checkDocuments(file);
    } catch (err) {
      assert.fail(`${where}: ${(err as Error).message}`);
    }
    if (i % 8 !== 0) continue;
    let stdout = '';
    let stderr = '';
    const code = await runCli(['lint', '--format', 'json', '-'], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readStdin: async () => text });
    const out = JSON.parse(stdout) as { severity: string }[];
    assert.equal(stderr, '', where);
    assert.equal(code, out.some((d) => d.severity === 'error') ? 1 : 0, where);
  }
});

test('hostile inputs through the editor features: every request answers', () => {
  const client = readClientFeatures({});
  const samples = fc.sample(input, { numRuns: 150, seed: 0xfea7 });
  for (const [i, sample] of samples.entries()) {
    const text = build(sample);
    const where = `input #${i} (${JSON.stringify(sample).slice(0, 300)})`;
    try {
      const file = parseFile(text);
      const diagnostics = validateFile(file, { calicoVersion: 'latest' });
      selectorSemanticTokens(file);
      documentSymbols(file);
      codeLenses(file, { uri: 'file:///fuzz.yaml' });
      const offsets = [0, text.length >> 2, text.length >> 1, text.length - 1, text.length].filter((o) => o >= 0);
      for (const offset of offsets) {
        explainPolicy(file, offset);
        hover({ file, offset, client });
        completion({ file, offset, client, tierNames: () => ['default'] });
      }
      const end = file.lines.positionAt(text.length);
      codeActions(file, 'file:///fuzz.yaml', { start: { line: 0, character: 0 }, end }, diagnostics);
    } catch (err) {
      assert.fail(`${where}: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }
});
