// Granting trust in the workbench reaches the server: the status bar leaves "untrusted" and the cluster is tried.
import type { StageResult } from './extensionHostRun';
import { repoRoot, type LocalVscode } from './localVscode';

const timeout = 30000;

async function runCommand(page: any, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
}

async function openPolicy(page: any): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout });
  await page.keyboard.type('p-customer2summary.yaml');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'p-customer2summary.yaml' }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: 'p-customer2summary.yaml' }).waitFor({ timeout });
}

export async function runTrustGrantCheck(browser: any, vscode: LocalVscode, folder: string, connections: () => number): Promise<StageResult> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 600 } });
  const page = await context.newPage();
  const name = 'granting workspace trust turns cluster labels on';
  try {
    await page.goto(vscode.workbenchUrl(folder, repoRoot));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    // Opening a policy activates the extension in restricted mode.
    await openPolicy(page);
    await page.locator('.statusbar-item', { hasText: 'untrusted workspace' }).first().waitFor({ timeout });
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().click({ timeout });
    await page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click({ timeout });
    // The server heard about the grant: the item no longer says the cluster is off for lack of trust.
    await page.locator('.statusbar-item', { hasText: /Calico: (?!cluster off)/ }).first().waitFor({ timeout });
    // The trust editor may open as a modal: close every editor through the command palette, then reopen the policy.
    await runCommand(page, 'View: Close All Editors');
    // Completion in a policy asks for cluster labels; now that the workspace is trusted, the server may connect.
    await openPolicy(page);
    await page.locator('.monaco-editor .view-line', { hasText: /selector:\s+app/ }).first().click({ timeout });
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Space');
    const deadline = Date.now() + timeout;
    while (connections() === 0 && Date.now() < deadline) await page.waitForTimeout(200);
    if (connections() === 0) throw new Error('the server never tried the cluster after trust was granted');
    await page.locator('.statusbar-item', { hasText: 'Calico: must-not-connect' }).first().waitFor({ timeout });
    console.log(`  ✔ ${name}`);
    return { passed: 1, failed: 0, skipped: 0 };
  } catch (error) {
    console.log(`  ✘ ${name}\n    ${String(error).split('\n').slice(0, 6).join('\n    ')}`);
    await page.screenshot({ path: `${repoRoot}/.e2e/failed-trust-grant.png` }).catch(() => undefined);
    return { passed: 0, failed: 1, skipped: 0 };
  } finally {
    await context.close().catch(() => undefined);
  }
}
