// `calico-policy selector` through the bundled dist/cli.js, as users run it.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function runCli(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'selector', ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('dist/cli.js selector', () => {
  before(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stderr}`);
  });

  test('a valid selector with matching labels exits 0', () => {
    const r = runCli('app == "customer" && has(tier)', '--labels', '{"app":"customer","tier":"web"}', '--format', 'json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { valid: true, canonical: '(app == "customer" && has(tier))', matches: true });
  });

  test('an invalid selector exits 1 with the caret under the problem', () => {
    const r = runCli('k8s-app == kube-dns');
    assert.equal(r.code, 1);
    const lines = r.out.split('\n');
    assert.equal(lines[1], '  k8s-app == kube-dns');
    assert.equal(lines[2], '             ^^^^^^^^');
  });

  test('bad usage exits 2', () => {
    const r = runCli('a == "x"', '--labels', '[1]');
    assert.equal(r.code, 2);
    assert.match(r.err, /JSON object/);
  });
});
