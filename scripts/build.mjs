// Bundles the client, the language server and the CLI with esbuild; prints each bundle's size.
import { build } from 'esbuild';
import { statSync, chmodSync } from 'node:fs';

const production = !process.argv.includes('--dev');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

const bundles = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Webview scripts run in the browser sandbox of a webview, not in Node.
  ...['reachability', 'trace'].map((name) => ({ entryPoints: [`media/src/${name}.ts`], outfile: `dist/media/${name}.js`, platform: 'browser', target: 'es2022', format: 'iife' })),
];

await Promise.all(bundles.map((b) => build({ ...common, ...b })));
chmodSync('dist/cli.js', 0o755);
for (const b of bundles) {
  const kb = (statSync(b.outfile).size / 1024).toFixed(1);
  console.log(`${b.outfile.padEnd(26)} ${kb.padStart(8)} KiB${production ? ' (minified)' : ''}`);
}
