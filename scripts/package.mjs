// Builds the bundles and packs the .vsix with @vscode/vsce from a staging folder holding only what ships.
// Runtime dependencies are bundled into dist/, so the staged manifest carries no dependencies (scripts/vsixManifest.mjs).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { stagedManifest } from './vsixManifest.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = resolve(process.argv[2] ?? `${pkg.name}-${pkg.version}.vsix`);
const stage = resolve('out', 'vsix');
const shipped = ['dist/extension.js', 'dist/server.js', 'dist/media', 'media/reachability.css', 'media/trace.css', 'syntaxes', 'snippets', 'images/icon.png', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore'];
const run = (args, cwd) => spawnSync(process.execPath, args, { stdio: 'inherit', cwd }).status === 0;

if (!run(['scripts/build.mjs'])) process.exit(1);
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const path of shipped) cpSync(path, join(stage, path), { recursive: true });
writeFileSync(join(stage, 'package.json'), JSON.stringify(stagedManifest(pkg), null, 2));
// docs/images is referenced by the README; vsce rewrites those links against the repository URL.
const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
mkdirSync(dirname(out), { recursive: true });
if (!run([vsce, 'package', '--no-dependencies', '--out', out], stage)) process.exit(1);
console.log(`${out}: ${(statSync(out).size / 1024).toFixed(1)} KiB`);
