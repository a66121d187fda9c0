// Runs the real `calico-policy` command as a child process, from a private bundle of server/src/cli.ts
// (the same esbuild bundling as `npm run build`, but never touching the shared dist/ while others build).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliHandle {
  run(args: string[], options?: { stdin?: string; cwd?: string }): CliRun;
  dispose(): void;
}

export async function bundleCli(): Promise<CliHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'calico-conformance-cli-'));
  const outfile = join(dir, 'cli.js');
  await build({ entryPoints: [join(root, 'server/src/cli.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
  return {
    run(args, options = {}) {
      const r = spawnSync(process.execPath, [outfile, ...args], { input: options.stdin ?? '', cwd: options.cwd ?? root, encoding: 'utf8', timeout: 60_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
