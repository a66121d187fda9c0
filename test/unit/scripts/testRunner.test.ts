// scripts/test.mjs counts skipped and todo tests per stage and in its last line; under CI they fail the run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../../scripts/localTools.mjs';

function stageWith(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'calico-stage-'));
  writeFileSync(join(dir, 'sample.test.ts'), `import { test } from 'node:test';\n${source}`);
  return dir;
}

function runStage(dir: string, ci: string | undefined) {
  const env = { ...process.env };
  delete env.CI;
  // Set by an outer `node --test`: it would make the inner run report to us instead of printing TAP.
  delete env.NODE_TEST_CONTEXT;
  if (ci !== undefined) env.CI = ci;
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'test.mjs'), dir], { cwd: repoRoot, encoding: 'utf8', env });
  const lines = r.stdout.trim().split('\n');
  return { status: r.status, last: lines.at(-1), out: r.stdout };
}

const withSkips = `test('runs', () => {});\ntest('needs a tool', { skip: 'tool missing' }, () => {});\ntest('later', { todo: 'not yet' }, () => {});\n`;

describe('skipped and todo tests', () => {
  test('are counted on the stage line and in the final line', () => {
    const dir = stageWith(withSkips);
    const r = runStage(dir, undefined);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, new RegExp(`^${dir.replace(/[/.]/g, '\\$&')}: 1 passed, 0 failed, 1 skipped, 1 todo$`, 'm'));
    assert.equal(r.last, '1 passed, 0 failed, 2 skipped');
    assert.match(r.out, /needs a tool # SKIP tool missing/);
  });

  for (const ci of ['true', '1']) {
    test(`fail the run under CI=${ci}`, () => {
      const r = runStage(stageWith(withSkips), ci);
      assert.equal(r.status, 1, r.out);
      assert.equal(r.last, '1 passed, 0 failed, 2 skipped');
      assert.match(r.out, /CI: 2 skipped or todo tests count as failures/);
    });
  }

  test('a clean stage passes under CI', () => {
    const r = runStage(stageWith(`test('runs', () => {});\n`), 'true');
    assert.equal(r.status, 0, r.out);
    assert.equal(r.last, '1 passed, 0 failed, 0 skipped');
  });

  test('a failing test fails the run', () => {
    const r = runStage(stageWith(`test('breaks', () => { throw new Error('x'); });\n`), undefined);
    assert.equal(r.status, 1);
    assert.equal(r.last, '0 passed, 1 failed, 0 skipped');
  });
});

describe('the e2e stage without the local VS Code', () => {
  /** A checkout with the runner scripts only: no e2e/node24 or e2e/vscode installed. */
  function bareCheckout(): string {
    const dir = mkdtempSync(join(tmpdir(), 'calico-bare-'));
    for (const f of ['scripts/test.mjs', 'scripts/localTools.mjs', 'test/e2e/run.mjs']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      cpSync(join(repoRoot, f), join(dir, f));
    }
    return dir;
  }

  function runE2e(ci: string | undefined) {
    const dir = bareCheckout();
    const env = { ...process.env };
    delete env.CI;
    delete env.NODE_TEST_CONTEXT;
    if (ci !== undefined) env.CI = ci;
    const r = spawnSync(process.execPath, ['scripts/test.mjs', 'e2e'], { cwd: dir, encoding: 'utf8', env });
    return { status: r.status, last: r.stdout.trim().split('\n').at(-1), out: r.stdout };
  }

  test('is counted as skipped, with the reason, outside CI', () => {
    const r = runE2e(undefined);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /e2e: skipped: Node 24 \(node-[a-z]+-[a-z0-9]+\) is not installed in e2e\/node24/);
    assert.equal(r.last, '0 passed, 0 failed, 1 skipped');
  });

  test('fails under CI', () => {
    const r = runE2e('true');
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /under CI the editor stage must run/);
    assert.equal(r.last, '0 passed, 1 failed, 0 skipped');
  });
});
