// CLI conformance: `calico-policy lint` and `calico-policy selector` as a user runs them (real process, real files).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCli, type CliHandle } from '../../support/conformanceCli';

// Positions below are counted by hand: `=` is line 7, column 17; `allow` is line 9, columns 13-17 (1-based).
const bad = [
  'apiVersion: projectcalico.org/v3',
  'kind: NetworkPolicy',
  'metadata:',
  '  name: web',
  '  namespace: shop',
  'spec:',
  '  selector: app = "web"',
  '  ingress:',
  '  - action: allow',
  '',
].join('\n');
const good = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: app == "web"\n  ingress:\n  - action: Allow\n';
const warnOnly = 'apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: app == "web"\n';
const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web_App\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx}]\n';
const notNetsAll = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: app == "web"\n  ingress:\n  - action: Allow\n    source:\n      notNets: [0.0.0.0/0]\n';

// `=` is at UTF-16 index 29 on line 7 (the emoji before it is two UTF-16 units, one code point).
const emoji = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: a == "\u{1F600}" && app = "x"\n';

let cli: CliHandle;
let dir: string;
const snapshot = new Map<string, { text: string; mtimeMs: number }>();

function lint(args: string[], stdin?: string) {
  return cli.run(['lint', ...args], { cwd: dir, stdin });
}

function walk(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
}

before(async () => {
  cli = await bundleCli();
  dir = mkdtempSync(join(tmpdir(), 'calico-conformance-lint-'));
  writeFileSync(join(dir, 'bad.yaml'), bad);
  writeFileSync(join(dir, 'bad-crlf.yaml'), bad.replace(/\n/g, '\r\n'));
  writeFileSync(join(dir, 'good.yaml'), good);
  writeFileSync(join(dir, 'warn.yaml'), warnOnly);
  writeFileSync(join(dir, 'deployment.yaml'), deployment);
  writeFileSync(join(dir, 'notnets.yaml'), notNetsAll);
  writeFileSync(join(dir, 'emoji.yaml'), emoji);
  writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: web\n');
  writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a, 0x1b, 0x5b, 0x41, 0xc3, 0x28]));
  mkdirSync(join(dir, 'tree', 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'tree', 'a.yaml'), good);
  writeFileSync(join(dir, 'tree', 'sub', 'b.yml'), bad);
  writeFileSync(join(dir, 'tree', 'sub', 'deeper', 'c.yaml'), bad);
  writeFileSync(join(dir, 'tree', 'notes.txt'), bad);
  writeFileSync(join(dir, 'tree', 'policy.json'), bad);
  writeFileSync(join(dir, 'tree', 'sub', 'deploy.yaml'), deployment);
  for (const f of walk(dir)) snapshot.set(f, { text: readFileSync(f, 'utf8'), mtimeMs: statSync(f).mtimeMs });
});

after(() => {
  cli?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lint conformance: exit codes', () => {
  test('0 for a clean file', () => assert.equal(lint(['good.yaml']).code, 0));
  test('0 for warnings only', () => {
    const r = lint(['warn.yaml']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /warn\.yaml:1:13: warning DOC-CRD-API /);
  });
  test('0 for a file with only non-Calico documents, which are skipped', () => {
    const r = lint(['deployment.yaml']);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /deployment\.yaml:\d+:\d+:/);
  });
  test('1 when any file has an error', () => assert.equal(lint(['good.yaml', 'bad.yaml']).code, 1));
  test('2 for an unreadable path, while the other files are still checked', () => {
    const r = lint(['missing.yaml', 'bad.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stdout + r.stderr, /missing\.yaml/);
    assert.match(r.stdout, /bad\.yaml:7:17: error POL-SEL-PARSE /);
  });
  test('2 for an unreadable path next to a clean file', () => assert.equal(lint(['good.yaml', 'no-such-dir/']).code, 2));
  const usage: [string, string[]][] = [
    ['no paths', []],
    ['unknown format', ['--format', 'xml', 'good.yaml']],
    ['unknown option', ['--bogus', 'good.yaml']],
    ['--format without a value', ['good.yaml', '--format']],
  ];
  for (const [name, args] of usage) {
    test(`2 for a usage error: ${name}`, () => {
      const r = lint(args);
      assert.equal(r.code, 2);
      assert.ok(r.stderr.length > 0, 'explains the usage on stderr');
    });
  }
  test('1 for a YAML syntax error', () => {
    const r = lint(['broken.yaml']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^broken\.yaml:\d+:\d+: error YAML-SYNTAX /m);
  });
  test('a binary file named .yaml does not crash the linter', () => {
    const r = lint(['binary.yaml', 'good.yaml']);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /internal error/i);
  });
  test('2 for an unknown command', () => assert.equal(cli.run(['bogus']).code, 2));
});

describe('lint conformance: text format', () => {
  test('path:line:col: severity code message, 1-based', () => {
    const r = lint(['bad.yaml']);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('bad.yaml:'));
    assert.ok(lines.some((l) => /^bad\.yaml:7:17: error POL-SEL-PARSE \S/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^bad\.yaml:9:13: error RULE-ACTION \S/.test(l)), r.stdout);
  });
  test('CRLF line endings give the same lines and columns', () => {
    const r = lint(['bad-crlf.yaml']);
    assert.match(r.stdout, /^bad-crlf\.yaml:7:17: error POL-SEL-PARSE \S/m);
    assert.match(r.stdout, /^bad-crlf\.yaml:9:13: error RULE-ACTION \S/m);
    assert.doesNotMatch(r.stdout, /\r/);
  });
  test('stdin "-" is read and reported', () => {
    const r = lint(['-'], bad);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /:7:17: error POL-SEL-PARSE /);
    assert.match(r.stdout, /:9:13: error RULE-ACTION /);
  });
  test('stdin "-" with a clean document exits 0', () => assert.equal(lint(['-'], good).code, 0));
  test('directories recurse into *.yaml and *.yml only', () => {
    const r = lint(['tree']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^${join('tree', 'sub', 'b.yml').replace(/[.\\/]/g, '\\$&')}:7:17: error POL-SEL-PARSE`, 'm'));
    assert.match(r.stdout, new RegExp(`^${join('tree', 'sub', 'deeper', 'c.yaml').replace(/[.\\/]/g, '\\$&')}:9:13: error RULE-ACTION`, 'm'));
    assert.doesNotMatch(r.stdout, /notes\.txt|policy\.json|deploy\.yaml:\d/);
    assert.doesNotMatch(r.stdout, /a\.yaml:\d/);
  });
  test('--calico-version selects version-dependent rules', () => {
    assert.match(lint(['notnets.yaml']).stdout, /RULE-NOTNET-ALL/);
    const old = lint(['--calico-version', '3.20', 'notnets.yaml']);
    assert.doesNotMatch(old.stdout, /RULE-NOTNET-ALL/);
    assert.equal(old.code, 0);
  });
});

describe('lint conformance: JSON format', () => {
  test('positions are 0-based line/character ranges', () => {
    const r = lint(['--format', 'json', 'bad.yaml']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: string; code: string; message: string }[];
    const sel = out.find((d) => d.code === 'POL-SEL-PARSE');
    const act = out.find((d) => d.code === 'RULE-ACTION');
    assert.ok(sel && act, r.stdout);
    assert.deepEqual(sel.range, { start: { line: 6, character: 16 }, end: { line: 6, character: 17 } });
    assert.deepEqual(act.range, { start: { line: 8, character: 12 }, end: { line: 8, character: 17 } });
    assert.equal(sel.severity, 'error');
    assert.match(sel.file, /bad\.yaml$/);
    assert.ok(sel.message.length > 0);
  });
  test('a clean file gives an empty array', () => {
    const r = lint(['--format', 'json', 'good.yaml']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
  test('several files in one array, each diagnostic naming its file', () => {
    const out = JSON.parse(lint(['--format', 'json', 'bad.yaml', 'warn.yaml']).stdout) as { file: string; code: string }[];
    assert.ok(out.some((d) => /bad\.yaml$/.test(d.file) && d.code === 'RULE-ACTION'));
    assert.ok(out.some((d) => /warn\.yaml$/.test(d.file) && d.code === 'DOC-CRD-API'));
  });
  test('stdin in JSON format', () => {
    const r = lint(['--format', 'json', '-'], bad);
    const out = JSON.parse(r.stdout) as { code: string; range: { start: { line: number; character: number } } }[];
    assert.deepEqual(out.find((d) => d.code === 'POL-SEL-PARSE')?.range.start, { line: 6, character: 16 });
  });
});

describe('lint conformance: SARIF 2.1.0', () => {
  interface Sarif {
    version: string;
    $schema: string;
    runs: {
      tool: { driver: { name: string; rules: { id: string }[] } };
      results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number } } }[] }[];
    }[];
  }
  let sarif: Sarif;
  let code: number | null;
  before(() => {
    const r = lint(['--format', 'sarif', 'bad.yaml', 'warn.yaml']);
    code = r.code;
    sarif = JSON.parse(r.stdout) as Sarif;
  });
  test('top-level shape', () => {
    assert.equal(code, 1);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif/i);
    assert.equal(sarif.runs.length, 1);
    assert.ok(sarif.runs[0].tool.driver.name.length > 0);
    assert.ok(Array.isArray(sarif.runs[0].tool.driver.rules));
  });
  test('a clean file gives a run with no results and exit 0', () => {
    const r = lint(['--format', 'sarif', 'good.yaml']);
    assert.equal(r.code, 0);
    const clean = JSON.parse(r.stdout) as Sarif;
    assert.equal(clean.version, '2.1.0');
    assert.deepEqual(clean.runs[0].results, []);
  });
  test('every result names a rule the driver lists', () => {
    const ids = new Set(sarif.runs[0].tool.driver.rules.map((r) => r.id));
    assert.ok(sarif.runs[0].results.length >= 3);
    for (const res of sarif.runs[0].results) assert.ok(ids.has(res.ruleId), res.ruleId);
  });
  test('regions are 1-based and levels map from severities', () => {
    const results = sarif.runs[0].results;
    const sel = results.find((x) => x.ruleId === 'POL-SEL-PARSE');
    const act = results.find((x) => x.ruleId === 'RULE-ACTION');
    const warn = results.find((x) => x.ruleId === 'DOC-CRD-API');
    assert.ok(sel && act && warn);
    assert.equal(sel.level, 'error');
    assert.equal(warn.level, 'warning');
    const region = sel.locations[0].physicalLocation.region;
    assert.equal(region.startLine, 7);
    assert.equal(region.startColumn, 17);
    if (region.endColumn !== undefined) assert.equal(region.endColumn, 18);
    const actRegion = act.locations[0].physicalLocation.region;
    assert.deepEqual([actRegion.startLine, actRegion.startColumn], [9, 13]);
    assert.match(sel.locations[0].physicalLocation.artifactLocation.uri, /bad\.yaml$/);
    assert.match(warn.locations[0].physicalLocation.artifactLocation.uri, /warn\.yaml$/);
    assert.ok(sel.message.text.length > 0);
  });
});

describe('lint conformance: columns after a character outside the BMP', () => {
  test('SARIF columns follow the declared columnKind (UTF-16 code units by default)', () => {
    const out = JSON.parse(lint(['--format', 'sarif', 'emoji.yaml']).stdout) as { runs: { columnKind?: string; results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const run = out.runs[0];
    const region = run.results.find((r) => r.ruleId === 'POL-SEL-PARSE')?.locations[0].physicalLocation.region;
    assert.ok(region);
    assert.equal(region.startLine, 7);
    assert.equal(region.startColumn, run.columnKind === 'unicodeCodePoints' ? 30 - 1 : 30);
  });
  test('text columns count UTF-16 units or code points (the format does not say which)', () => {
    assert.match(lint(['emoji.yaml']).stdout, /^emoji\.yaml:7:(29|30): error POL-SEL-PARSE /m);
  });
});

describe('selector command conformance', () => {
  const sel = (args: string[]) => cli.run(['selector', ...args]);
  test('valid selector: exit 0, canonical form in JSON', () => {
    const r = sel(["k == 'v' && x == 'y'", '--format', 'json']);
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout) as { valid: boolean; canonical: string };
    assert.equal(out.valid, true);
    assert.equal(out.canonical, '(k == "v" && x == "y")');
  });
  const matchRows: [string, string, boolean][] = [
    ['a != "x"', '{}', true],
    ['a == "x"', '{}', false],
    ['!a == "x"', '{}', true],
    ['a not in {"x"}', '{"b":"x"}', true],
    ['has(a) || has(b) && has(c)', '{"a":""}', true],
    ['a in {}', '{"a":""}', false],
  ];
  for (const [expr, labels, expected] of matchRows) {
    test(`${expr} with ${labels} matches: ${expected}`, () => {
      const r = sel([expr, '--labels', labels, '--format', 'json']);
      assert.equal(r.code, 0);
      assert.equal((JSON.parse(r.stdout) as { matches: boolean }).matches, expected);
    });
  }
  const errorRows: [string, string, number][] = [
    ['a = "x"', 'unexpected-character', 2],
    ['a == "x"\n', 'illegal-whitespace', 8],
    ['a == b', 'expected-string', 5],
    ['a == "x" b == "y"', 'unexpected-token', 9],
    ['a inf "x"', 'expected-operator', 2],
  ];
  for (const [expr, codeName, offset] of errorRows) {
    test(`invalid ${JSON.stringify(expr)}: exit 1, ${codeName} at ${offset}`, () => {
      const r = sel([expr, '--format', 'json']);
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout) as { valid: boolean; error: { code: string; offset: number } };
      assert.equal(out.valid, false);
      assert.equal(out.error.code, codeName);
      assert.equal(out.error.offset, offset);
    });
  }
  test('text output of an error shows where', () => {
    const r = sel(['app == "web" & tier == "1"']);
    assert.equal(r.code, 1);
    const text = r.stdout + r.stderr;
    const lines = text.split('\n');
    const echo = lines.findIndex((l) => l.includes('app == "web" & tier == "1"'));
    if (echo >= 0 && lines[echo + 1]?.includes('^')) {
      assert.equal(lines[echo + 1].indexOf('^'), lines[echo].indexOf('app') + 13, 'the caret sits under the &');
    } else assert.match(text, /13/);
  });
  test('usage errors exit 2', () => {
    assert.equal(sel([]).code, 2);
    assert.equal(sel(['a == "x"', '--labels', '{bad']).code, 2);
    assert.equal(sel(['a == "x"', '--labels', '[1]']).code, 2);
  });
});

describe('lint conformance: files are never written', () => {
  test('every fixture is byte-identical with the same mtime after all runs', () => {
    // Run every format once more over everything, then compare.
    for (const fmt of ['text', 'json', 'sarif']) lint(['--format', fmt, '.']);
    for (const [file, before] of snapshot) {
      assert.equal(readFileSync(file, 'utf8'), before.text, file);
      assert.equal(statSync(file).mtimeMs, before.mtimeMs, file);
    }
    assert.deepEqual(walk(dir).sort(), [...snapshot.keys()].sort(), 'no files created');
  });
});
