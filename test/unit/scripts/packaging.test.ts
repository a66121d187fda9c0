// The .vsix manifest keeps what vsce needs for its `@types/vscode` vs `engines.vscode` check, and the versions agree:
// types no newer than the engine, the engine no newer than the VS Code the editor tests run (code-server 4.139 = 1.139).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../../scripts/localTools.mjs';
import { stagedManifest } from '../../../scripts/vsixManifest.mjs';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const minor = (range: string) => Number(/(\d+)\.(\d+)/.exec(range)![2]);

/** Runs vsce's packaging on a folder holding `manifest` and the files vsce insists on. */
function vscePackage(manifest: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'calico-vsce-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const f of ['README.md', 'LICENSE', 'CHANGELOG.md']) cpSync(join(repoRoot, f), join(dir, f));
  mkdirSync(join(dir, 'images'));
  cpSync(join(repoRoot, 'images', 'icon.png'), join(dir, 'images', 'icon.png'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'extension.js'), '');
  const vsce = createRequire(join(repoRoot, 'package.json')).resolve('@vscode/vsce/vsce');
  return spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', join(dir, 'x.vsix')], { cwd: dir, encoding: 'utf8' });
}

describe('the shipped manifest', () => {
  test('keeps engines and @types/vscode, drops scripts, the CLI entry and runtime dependencies', () => {
    const m = stagedManifest({ ...pkg, dependencies: { yaml: '2.9.1' } }) as typeof pkg;
    assert.equal(m.engines.vscode, pkg.engines.vscode);
    assert.equal(m.devDependencies['@types/vscode'], pkg.devDependencies['@types/vscode']);
    assert.deepEqual([m.scripts, m.bin, m.dependencies], [undefined, undefined, undefined]);
  });

  test('vsce refuses to package when @types/vscode is newer than engines.vscode', () => {
    const newer = `1.${minor(pkg.engines.vscode) + 1}.0`;
    const r = vscePackage(stagedManifest({ ...pkg, devDependencies: { ...pkg.devDependencies, '@types/vscode': newer } }));
    assert.notEqual(r.status, 0, 'vsce packaged despite newer types');
    assert.match(r.stdout + r.stderr, /@types\/vscode/);
  });

  test('vsce accepts our own versions', () => {
    const r = vscePackage(stagedManifest(pkg));
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

describe('versions agree', () => {
  test('@types/vscode is pinned exactly, installed as pinned, and no newer than engines.vscode', () => {
    const types = pkg.devDependencies['@types/vscode'];
    assert.match(types, /^\d+\.\d+\.\d+$/);
    const installed = JSON.parse(readFileSync(join(repoRoot, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version;
    assert.equal(installed, types);
    assert.ok(minor(types) <= minor(pkg.engines.vscode), `@types/vscode ${types} is newer than engines.vscode ${pkg.engines.vscode}`);
  });

  test('engines.vscode is no newer than the VS Code the editor tests run (code-server 4.N = VS Code 1.N)', () => {
    const codeServer = JSON.parse(readFileSync(join(repoRoot, 'e2e', 'vscode', 'package.json'), 'utf8')).dependencies['code-server'];
    assert.ok(minor(pkg.engines.vscode) <= minor(codeServer), `${pkg.engines.vscode} vs code-server ${codeServer}`);
  });

  test('engines.vscode is no older than what vscode-languageclient requires', () => {
    const client = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'));
    assert.ok(minor(pkg.engines.vscode) >= minor(client.engines.vscode), `${pkg.engines.vscode} vs ${client.engines.vscode}`);
  });
});
