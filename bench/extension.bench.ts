// Extension activation time (load dist/extension.js + activate(), in fresh processes against a stand-in
// `vscode` module) and the size of the packaged .vsix. Targets: activation < 100 ms, .vsix < 2 MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const SAMPLES = 15;

// Runs in a fresh node process: a `vscode` stand-in where every member is a callable, constructible no-op,
// then times require() of the bundle and the synchronous activate() call VS Code waits for.
const probe = `
const Module = require('node:module');
const { join } = require('node:path');
const noop = new Proxy(function () {}, {
  get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : key === 'isTrusted' ? true : noop),
  apply: () => noop,
  construct: () => noop,
  set: () => true,
});
// Real own keys (the exported names of the vscode API) so the bundle's ESM interop can copy them.
const vscode = { version: '1.139.0' };
for (const name of JSON.parse(process.env.VSCODE_API_NAMES)) if (!(name in vscode)) vscode[name] = noop;
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const root = process.argv[2];
const t0 = performance.now();
const ext = require(join(root, 'dist/extension.js'));
const t1 = performance.now();
const context = { subscriptions: [], extensionPath: root, asAbsolutePath: (p) => join(root, p) };
ext.activate(context);
const t2 = performance.now();
// The client library loads on the next turn of the event loop, after VS Code has seen activation finish.
setImmediate(() => setImmediate(() => {
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ load: t1 - t0, activate: t2 - t1, deferred: t3 - t2 }));
  process.exit(0);
}));
`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(name: string, values: number[], target?: number): void {
  const sorted = [...values].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const median = percentile(sorted, 50);
  const verdict = target === undefined ? '' : `   (target median < ${target} ms: ${median < target ? 'met' : 'MISSED'})`;
  console.log(`${name.padEnd(34)} median ${percentile(sorted, 50).toFixed(1)} ms   p95 ${p95.toFixed(1)} ms${verdict}`);
}

/** Every name `declare module 'vscode'` exports, read from @types/vscode. */
function vscodeApiNames(): string[] {
  const types = readFileSync(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  return [...new Set([...types.matchAll(/^\s*export (?:class|namespace|enum|const|function|let) (\w+)/gm)].map((m) => m[1]!))];
}

function activation(): void {
  const env = { ...process.env, VSCODE_API_NAMES: JSON.stringify(vscodeApiNames()) };
  const dir = mkdtempSync(join(tmpdir(), 'calico-activation-'));
  const script = join(dir, 'probe.cjs');
  writeFileSync(script, probe);
  const samples: { load: number; activate: number; deferred: number }[] = [];
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const r = spawnSync(process.execPath, [script, root], { encoding: 'utf8', env });
      if (r.status !== 0) throw new Error(`activation probe failed: ${r.stderr}`);
      samples.push(JSON.parse(r.stdout));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Other work on the machine inflates the tail; say how busy it was.
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  console.log(`activation (${SAMPLES} fresh processes, bundle ${(statSync(join(root, 'dist/extension.js')).size / 1024).toFixed(0)} KiB)`);
  report('  require dist/extension.js', samples.map((s) => s.load));
  report('  activate()', samples.map((s) => s.activate));
  report('  total (what VS Code waits for)', samples.map((s) => s.load + s.activate), 100);
  report('  language client load, just after', samples.map((s) => s.deferred));
}

function vsixSize(): void {
  const out = join(mkdtempSync(join(tmpdir(), 'calico-vsix-')), 'calico-policy.vsix');
  const r = spawnSync(process.execPath, [join(root, 'scripts/package.mjs'), out], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`packaging failed:\n${r.stdout}\n${r.stderr}`);
  const kib = statSync(out).size / 1024;
  console.log(`.vsix size                         ${kib.toFixed(1)} KiB   (target < 2048 KiB: ${kib < 2048 ? 'met' : 'MISSED'})`);
  rmSync(out, { force: true });
}

activation();
vsixSize();
