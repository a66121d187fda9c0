// `calico-policy selector`, run in-process through the CLI dispatcher.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../server/src/cli/main';
import { recordingIo } from '../support/selectorCliIo';

async function run(...args: string[]) {
  const io = recordingIo();
  const code = await runCli(['selector', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('calico-policy selector: valid selectors', () => {
  test('text: "valid" and the canonical form', async () => {
    const r = await run('app == "customer" && has(tier)');
    assert.equal(r.code, 0);
    assert.equal(r.out, 'valid\ncanonical: (app == "customer" && has(tier))\n');
    assert.equal(r.err, '');
  });

  test('text: matches / does not match with --labels', async () => {
    const yes = await run('app == "customer" && has(tier)', '--labels', '{"app":"customer","tier":""}');
    assert.equal(yes.code, 0);
    assert.equal(yes.out, 'valid\ncanonical: (app == "customer" && has(tier))\nmatches\n');
    const no = await run('app == "customer" && has(tier)', '--labels', '{"app":"customer"}');
    assert.equal(no.code, 0);
    assert.equal(no.out, 'valid\ncanonical: (app == "customer" && has(tier))\ndoes not match\n');
  });

  test('a missing label makes != and not in match', async () => {
    const r = await run('projectcalico.org/name not in {"kube-system", "calico-system"}', '--labels', '{}', '--format', 'json');
    assert.deepEqual(JSON.parse(r.out), { valid: true, canonical: 'projectcalico.org/name not in {"calico-system", "kube-system"}', matches: true });
  });

  test('json: valid with and without labels', async () => {
    const plain = await run("k8s-app == 'kube-dns'", '--format', 'json');
    assert.equal(plain.code, 0);
    assert.deepEqual(JSON.parse(plain.out), { valid: true, canonical: 'k8s-app == "kube-dns"' });
    const withLabels = await run('k8s-app == "kube-dns"', '--format=json', '--labels={"k8s-app":"coredns"}');
    assert.deepEqual(JSON.parse(withLabels.out), { valid: true, canonical: 'k8s-app == "kube-dns"', matches: false });
  });

  test('the empty selector is all()', async () => {
    const r = await run('', '--format', 'json', '--labels', '{"a":"b"}');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), { valid: true, canonical: 'all()', matches: true });
  });

  test('a selector starting with `-` is an expression, not a flag', async () => {
    const r = await run('-a == "x"', '--format', 'json');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), { valid: true, canonical: '-a == "x"' });
    const afterDashes = await run('--format', 'json', '--', '--a == "x"');
    assert.deepEqual(JSON.parse(afterDashes.out), { valid: true, canonical: '--a == "x"' });
  });

  test('text: a selector that can never match gets a warning but is still valid', async () => {
    const r = await run('a == "x" && a == "y"');
    assert.equal(r.code, 0);
    assert.match(r.out, /^valid\n/);
    assert.match(r.out, /warning: .*can never match/);
  });
});

describe('calico-policy selector: invalid selectors', () => {
  test('text: the message, the expression and a caret under the exact column', async () => {
    const r = await run('a == b');
    assert.equal(r.code, 1);
    const lines = r.out.split('\n');
    assert.match(lines[0], /expected a quoted value after '==', found `b`/);
    assert.equal(lines[1], '  a == b');
    assert.equal(lines[2], '       ^');
  });

  test('text: the caret covers the whole bad token', async () => {
    const r = await run('a == "x" AND b == "y"');
    assert.equal(r.code, 1);
    const lines = r.out.split('\n');
    assert.equal(lines[1], '  a == "x" AND b == "y"');
    assert.equal(lines[2], '           ^^^');
  });

  test('text: a trailing newline is shown and pointed at', async () => {
    const r = await run('a == "x"\n');
    assert.equal(r.code, 1);
    const lines = r.out.split('\n');
    assert.match(lines[0], /newline/);
    assert.equal(lines[2], `  ${' '.repeat(8)}^`);
    assert.equal(lines.length, 4, 'the echoed selector stays on one line');
  });

  test('text: tabs before the error are kept so the caret lines up', async () => {
    const r = await run('\ta == b');
    const lines = r.out.split('\n');
    assert.equal(lines[2], '  \t     ^');
  });

  test('json: code, message, offset and length', async () => {
    const r = await run('has (a)', '--format', 'json');
    assert.equal(r.code, 1);
    const parsed = JSON.parse(r.out);
    assert.equal(parsed.valid, false);
    assert.deepEqual({ ...parsed.error, message: undefined }, { code: 'space-before-paren', message: undefined, offset: 3, length: 1 });
    assert.match(parsed.error.message, /has/);
    assert.deepEqual(Object.keys(parsed), ['valid', 'error']);
  });

  test('json: an invalid selector with --labels still reports only the error', async () => {
    const r = await run('a in {"x" "y"}', '--labels', '{"a":"x"}', '--format', 'json');
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.out).error, {
      code: 'expected-set-item',
      message: 'expected `,` or `}` after a set value, found `"y"`',
      offset: 10,
      length: 3,
    });
  });
});

describe('calico-policy selector: bad usage exits 2 with a clear message', () => {
  const cases: [string[], RegExp][] = [
    [[], /missing the selector expression/],
    [['--format', 'json'], /missing the selector expression/],
    [['a == "x"', '--frobnicate'], /unknown option '--frobnicate'/],
    [['a == "x"', '--labels'], /--labels needs a value/],
    [['a == "x"', '--format'], /--format needs a value/],
    [['a == "x"', '--format', 'xml'], /--format must be 'text' or 'json'/],
    [['a == "x"', '--labels', 'not json'], /--labels is not valid JSON/],
    [['a == "x"', '--labels', '[]'], /JSON object/],
    [['a == "x"', '--labels', 'null'], /JSON object/],
    [['a == "x"', '--labels', '"app"'], /JSON object/],
    [['a == "x"', '--labels', '{"a":1}'], /value of label "a" must be a string/],
    [['a == "x"', '--labels', '{"a":null}'], /must be a string, not null/],
    [['a == "x"', '--labels', '{"a":{"b":"c"}}'], /must be a string/],
    [['a == "x"', 'b == "y"'], /unexpected extra argument/],
    [['a == "x"', '--labels', '{}', '--labels', '{}'], /given twice/],
  ];
  for (const [args, pattern] of cases) {
    test(JSON.stringify(args), async () => {
      const r = await run(...args);
      assert.equal(r.code, 2);
      assert.match(r.err, pattern);
      assert.match(r.err, /Usage: calico-policy selector/);
      assert.equal(r.out, '');
    });
  }

  test('--help prints usage and exits 0', async () => {
    const r = await run('--help');
    assert.equal(r.code, 0);
    assert.match(r.out, /Usage: calico-policy selector/);
  });
});
