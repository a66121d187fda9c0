// Runs the mocha suite inside the real extension host by opening the workbench with extensionTestsPath.
import { browserArgs, chromiumPath, playwright, type LocalVscode } from './localVscode';

export interface StageResult {
  passed: number;
  failed: number;
  skipped: number;
}

const tag = '[calico-e2e] ';

export async function launchBrowser(): Promise<any> {
  return playwright().chromium.launch({ executablePath: chromiumPath(), args: browserArgs, headless: true });
}

/** Opens `folder` with the extension and its tests; resolves with the suite's counts once the workbench exits. */
export async function runExtensionHostSuite(
  browser: any,
  vscode: LocalVscode,
  folder: string,
  extensionDir: string,
  testsEntry: string,
  timeoutMs = 240000,
): Promise<StageResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let result: StageResult | undefined;
  let exitCode: number | undefined;
  const exited = new Promise<void>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => {
      exitCode = code;
      resolve();
    });
  });
  page.on('console', (msg: { text(): string }) => {
    const text = msg.text();
    const at = text.indexOf(tag);
    if (at < 0) return;
    for (const line of text.slice(at).split('\n')) {
      const body = line.startsWith(tag) ? line.slice(tag.length) : line;
      if (body.startsWith('RESULT ')) result = JSON.parse(body.slice(7));
      else console.log(`  ${body}`);
    }
  });
  try {
    await page.goto(vscode.workbenchUrl(folder, extensionDir, testsEntry));
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs));
    if ((await Promise.race([exited, timer])) === 'timeout') {
      console.log(`  extension-host suite did not finish within ${timeoutMs / 1000} s`);
      return { passed: result?.passed ?? 0, failed: Math.max(1, result?.failed ?? 0), skipped: 0 };
    }
  } finally {
    await context.close().catch(() => undefined);
  }
  if (!result) return { passed: 0, failed: 1, skipped: 0 };
  if (exitCode !== 0 && result.failed === 0) result.failed = 1;
  return result;
}
