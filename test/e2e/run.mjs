// The editor stage. `--if-ready` (npm test): run only when the local VS Code is installed; when it is not, the
// stage counts as skipped, and under CI (CI=true/1) as failed. No flag (npm run test:e2e): install the local
// VS Code if needed (in a clean environment, not npm's), then run. `--setup-only`: install it and stop.
// `--electron` (npm run test:vscode): the suite under @vscode/test-electron instead.
// Other flags (--verbose, --update-screenshots) pass through to the runner.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { localVscodeMissing, repoRoot as root, setUpLocalVscode } from '../../scripts/localTools.mjs';

const ifReady = process.argv.includes('--if-ready');
const setupOnly = process.argv.includes('--setup-only');
const inCi = /^(1|true)$/i.test(process.env.CI ?? '');
const passThrough = process.argv.slice(2).filter((a) => !['--if-ready', '--electron', '--setup-only'].includes(a));

// `npm run test:vscode`: the suite under @vscode/test-electron (downloads VS Code; needs a display or xvfb-run).
if (process.argv.includes('--electron')) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/e2e/electron.ts')], { stdio: 'inherit', cwd: root });
  process.exit(r.status ?? 1);
}

const missing = localVscodeMissing({ browser: true });
if (missing) {
  if (ifReady) {
    const how = 'run `npm run test:e2e` (or `bash test/e2e/setup.sh` with CALICO_SETUP_BROWSER=1) to set it up';
    if (inCi) {
      console.log(`e2e: the local VS Code cannot run here: ${missing}; ${how}`);
      console.log('e2e: 0 passed, 1 failed, 0 skipped (under CI the editor stage must run)');
      process.exit(1);
    }
    console.log(`e2e: skipped: ${missing}; ${how}`);
    console.log('e2e: 0 passed, 0 failed, 1 skipped');
    process.exit(0);
  }
  if (!setUpLocalVscode({ browser: true })) {
    console.log('e2e: 0 passed, 1 failed, 0 skipped (setting up the local VS Code failed)');
    process.exit(1);
  }
  const still = localVscodeMissing({ browser: true });
  if (still) {
    console.log(`e2e: 0 passed, 1 failed, 0 skipped (after set-up: ${still})`);
    process.exit(1);
  }
}
if (setupOnly) {
  console.log('e2e: local VS Code ready');
  process.exit(0);
}

const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/e2e/runner.ts'), ...passThrough], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(run.status ?? 1);
