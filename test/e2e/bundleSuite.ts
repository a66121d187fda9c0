// Compiles the extension-host suite (test/e2e/suite) to CommonJS in .e2e/out/suite for VS Code to load.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './localVscode';

export const suiteEntry = join(repoRoot, '.e2e', 'out', 'suite', 'index.js');

export async function bundleSuite(): Promise<void> {
  const suiteDir = join(repoRoot, 'test', 'e2e', 'suite');
  const entries = readdirSync(suiteDir).filter((f) => f === 'index.ts' || f.endsWith('.e2e.ts'));
  await build({
    entryPoints: entries.map((f) => join(suiteDir, f)),
    outdir: join(repoRoot, '.e2e', 'out', 'suite'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The extension host provides vscode; mocha resolves from the repository's node_modules.
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
