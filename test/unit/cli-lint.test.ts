// `calico-policy lint`: output formats, exit codes, directories, stdin and unreadable paths.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli/main';

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
