// `calico-policy lint`: output formats, exit codes, directories, stdin and unreadable paths.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../server/src/cli/main';
import { parseFile } from '../../server/src/document';
import { validateFile, validators, type Validator } from '../../server/src/validation';

async function run(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['lint', ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: async () => stdin,
  });
  return { code, stdout, stderr };
}

const good = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: ok\n  namespace: shop\nspec:\n  selector: app == "web"\n';
const bad = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: bad\n  namespace: shop\nspec:\n  selector: app == "web"\n  ingress:\n    - action: allow\n';
const warnOnly = 'apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata:\n  name: w\n';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'calico-lint-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'good.yaml'), good);
  writeFileSync(join(dir, 'sub', 'bad.yml'), bad);
  writeFileSync(join(dir, 'notes.txt'), 'not yaml: [');
  writeFileSync(join(dir, 'warn.yaml'), warnOnly);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('calico-policy lint', () => {
  test('text: path:line:col: severity code message, then a summary; exit 1 on errors', async () => {
    const r = await run([join(dir, 'sub', 'bad.yml')]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /bad\.yml:9:15: error RULE-ACTION .*did you mean `Allow`/);
    assert.match(lines[lines.length - 1], /^1 error, 0 warnings, 0 other in 1 file checked$/);
  });

  test('exit 0 for a clean file and for warnings only', async () => {
    assert.equal((await run([join(dir, 'good.yaml')])).code, 0);
    const w = await run([join(dir, 'warn.yaml')]);
    assert.equal(w.code, 0);
    assert.match(w.stdout, /warning DOC-CRD-API/);
  });

  test('directories are searched for *.yaml and *.yml only', async () => {
    const r = await run(['--format', 'json', dir]);
    const files = new Set((JSON.parse(r.stdout) as { file: string }[]).map((d) => d.file.split('/').pop()));
    assert.deepEqual([...files].sort(), ['bad.yml', 'warn.yaml']);
    assert.equal(r.code, 1);
  });

  test('json: LSP-style 0-based ranges', async () => {
    const r = await run(['--format=json', join(dir, 'sub', 'bad.yml')]);
    const [d] = JSON.parse(r.stdout);
    assert.deepEqual(d.range, { start: { line: 8, character: 14 }, end: { line: 8, character: 19 } });
    assert.equal(d.severity, 'error');
    assert.equal(d.code, 'RULE-ACTION');
    assert.ok(d.message.length > 0);
  });

  test('sarif: 2.1.0 with rules and 1-based regions', async () => {
    const r = await run(['--format', 'sarif', join(dir, 'sub', 'bad.yml')]);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'calico-policy');
    const result = run0.results[0];
    assert.equal(result.ruleId, 'RULE-ACTION');
    assert.equal(result.level, 'error');
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'RULE-ACTION');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 9, startColumn: 15, endLine: 9, endColumn: 20 });
  });

  test('- reads stdin', async () => {
    const r = await run(['-'], bad);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:9:15: error RULE-ACTION/);
  });

  test('an unreadable path is reported clearly, the others are still checked, exit 2', async () => {
    const r = await run([join(dir, 'missing.yaml'), join(dir, 'sub', 'bad.yml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read .*missing\.yaml: no such file or directory/);
    assert.match(r.stdout, /RULE-ACTION/);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['--format', 'xml', 'a.yaml'])).code, 2);
    assert.equal((await run(['--calico-version', 'banana', 'a.yaml'])).code, 2);
    assert.equal((await run(['--frobnicate', 'a.yaml'])).code, 2);
  });

  test('--calico-version switches version-dependent rules', async () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: a, namespace: b}\nspec:\n  ingress:\n    - action: Allow\n      destination: {ports: [http]}\n';
    assert.equal((await run(['-'], text)).code, 0);
    assert.equal((await run(['--calico-version', '3.26', '-'], text)).code, 1);
  });

  test('hints are shown only with --hints', async () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: a, namespace: b}\nspec:\n  types: [Ingress]\n';
    assert.doesNotMatch((await run(['-'], text)).stdout, /POL-TYPES-DENY-ALL/);
    assert.match((await run(['--hints', '-'], text)).stdout, /hint POL-TYPES-DENY-ALL/);
  });

  test('never writes to the files it reads', async () => {
    const path = join(dir, 'sub', 'bad.yml');
    const before = statSync(path).mtimeMs;
    await run([path]);
    assert.equal(readFileSync(path, 'utf8'), bad);
    assert.equal(statSync(path).mtimeMs, before);
  });

  test('the tutorial policies lint clean', async () => {
    const r = await run([join(import.meta.dirname, '../fixtures/tutorial')]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '0 errors, 0 warnings, 0 other in 3 files checked\n');
  });
});

describe('calico-policy lint on hostile input', () => {
  test('deeply nested YAML is one error in that document; the other documents and files are still checked', async () => {
    const deep = `${good.replace('name: ok', 'name: deep')}  ingress: ${'['.repeat(5000)}\n---\n${bad}`;
    writeFileSync(join(dir, 'deep.yaml'), deep);
    const r = await run([join(dir, 'deep.yaml'), join(dir, 'sub', 'bad.yml')]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, /Maximum call stack|INTERNAL/);
    // Column 266 is the 255th `[`: with the root and spec mappings, the 257th nested collection.
    assert.match(r.stdout, /deep\.yaml:8:266: error YAML-TOO-DEEP /);
    assert.match(r.stdout, /deep\.yaml:18:15: error RULE-ACTION /);
    assert.match(r.stdout, /bad\.yml:9:15: error RULE-ACTION /);
  });

  test('a crash inside a validator exits 2, names the file, and the other files are still checked', async () => {
    const crashing: Validator = {
      id: 'crashing',
      validate: (doc) => {
        if (doc.resource?.name === 'ok') throw new Error('simulated failure');
        return [];
      },
    };
    validators.push(crashing);
    try {
      const r = await run([join(dir, 'good.yaml'), join(dir, 'sub', 'bad.yml')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /internal error while checking .*good\.yaml: .*simulated failure/);
      assert.match(r.stdout, /good\.yaml:1:1: error INTERNAL .*simulated failure/);
      assert.match(r.stdout, /bad\.yml:9:15: error RULE-ACTION /);
    } finally {
      validators.splice(validators.indexOf(crashing), 1);
    }
  });

  test('an internal error is an error diagnostic for the editor too', () => {
    const crashing: Validator = { id: 'crashing', validate: () => { throw new RangeError('Maximum call stack size exceeded'); } };
    validators.push(crashing);
    try {
      const ds = validateFile(parseFile(`${good}---\n${bad}`), { calicoVersion: 'latest' });
      const internal = ds.filter((d) => d.code === 'INTERNAL');
      assert.equal(internal.length, 2);
      assert.ok(internal.every((d) => d.severity === 'error'));
      assert.ok(ds.some((d) => d.code === 'RULE-ACTION'));
    } finally {
      validators.splice(validators.indexOf(crashing), 1);
    }
  });

  test('a flood of syntax errors is summarised, not printed one by one', async () => {
    const flood = `${good}  x: [a]${']'.repeat(50000)}\n`;
    const r = await run(['--format', 'json', '-'], flood);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { code: string; message: string }[];
    assert.ok(out.length <= 102, `${out.length} diagnostics`);
    assert.match(out[out.length - 1].message, /… and [\d,]+ more YAML syntax errors/);
  });
});

describe('dist/cli.js lint', () => {
  const root = join(import.meta.dirname, '..', '..');
  before(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stderr}`);
  });

  test('mappings used as keys are reported, and nothing is printed to stderr', () => {
    const text = `${good}  ingress:\n    - action: Allow\n      { app: database }: x\n    - action: Allow\n      [a, b]: y\n`;
    const path = join(dir, 'complex-keys.yaml');
    writeFileSync(path, text);
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'lint', path], { encoding: 'utf8', cwd: root });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    assert.equal((r.stdout.match(/error YAML-COMPLEX-KEY/g) ?? []).length, 2);
  });
});
