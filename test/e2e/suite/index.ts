// Extension-test entry (what @vscode/test-electron and the local runner load): runs the mocha suites in the host.
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Lines the local runner picks out of the browser console. */
export const logTag = '[calico-e2e] ';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  // console.log cannot be replaced in the extension host; tag mocha's own output instead.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const original = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => original(`${logTag}${format(...args)}`);
  // The local runner runs trusted and untrusted workspaces separately; elsewhere every suite runs and skips what cannot apply.
  const mode = process.env.CALICO_E2E_MODE;
  const trustedSuites = ['diagnostics', 'features', 'cluster', 'clusterPolicies', 'reachability'];
  const files = mode === 'untrusted' ? ['untrusted'] : mode === 'trusted' ? trustedSuites : [...trustedSuites, 'untrusted'];
  for (const f of files) mocha.addFile(path.join(__dirname, `${f}.e2e.js`));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      original(`${logTag}RESULT ${JSON.stringify({ passed: passes, failed: failures, skipped: pending })}`);
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
  });
}
