// `npm run test:vscode`: the same extension-host suite under @vscode/test-electron, on a machine that can download
// VS Code (not this one: use `npm run test:e2e` here). Trust is off there, so the untrusted suite skips itself.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite, suiteEntry } from './bundleSuite';
import { repoRoot } from './localVscode';

async function main(): Promise<number> {
  if (spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status !== 0) return 1;
  await bundleSuite();
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suiteEntry,
      launchArgs: [join(repoRoot, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
    });
    console.log('vscode: extension-host suite passed');
    return 0;
  } catch (error) {
    console.error(`vscode: ${String(error)}`);
    return 1;
  }
}

main().then((code) => process.exit(code));
