// What a person sees in the real VS Code: squiggle, Problems entry, code lens, selector colours, hover, suggestions.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StageResult } from './extensionHostRun';
import { repoRoot, type LocalVscode } from './localVscode';

export interface UiOptions {
  /** Context name the status bar should show once cluster labels load (undefined: no stand-in cluster). */
  clusterContext?: string;
  /** Where screenshots go: docs/images with --update-screenshots, else .e2e/screenshots. */
  screenshotDir?: string;
}

const timeout = 30000;

/** Runs against the extension installed in `vscode` from the packaged .vsix, as a user would have it. */
export async function runUiTest(browser: any, vscode: LocalVscode, folder: string, options: UiOptions): Promise<StageResult> {
  const shots = options.screenshotDir ?? join(repoRoot, process.argv.includes('--update-screenshots') ? 'docs/images' : '.e2e/screenshots');
  mkdirSync(shots, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1000, height: 600 } });
  const page = await context.newPage();
  const result: StageResult = { passed: 0, failed: 0, skipped: 0 };
  const step = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
      result.passed += 1;
      console.log(`  ✔ ${name}`);
    } catch (error) {
      result.failed += 1;
      console.log(`  ✘ ${name}\n    ${String(error).split('\n').slice(0, 6).join('\n    ')}`);
      await page.screenshot({ path: join(repoRoot, '.e2e', `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
    }
  };
  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
  const openFile = async (name: string) => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout });
    await page.keyboard.type(name);
    // Enter opens the focused row: wait until the filtered list has focused the file typed, not a recent one.
    await page.locator(`.quick-input-list .monaco-list-row.focused:has-text("${name}")`).first().waitFor({ timeout });
    await page.keyboard.press('Enter');
    await page.locator(`.tab.active:has-text("${name}")`).waitFor({ timeout });
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout });
  };
  /** The rendered editor line whose text contains `text` (the editor renders spaces as no-break spaces). */
  const viewLine = (text: string) => {
    const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+');
    return page.locator('.monaco-editor .view-line', { hasText: new RegExp(pattern) }).first();
  };

  try {
    await page.goto(vscode.folderUrl(folder));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60000 });

    await step('squiggle under "allow" in mistakes.yaml', async () => {
      await openFile('mistakes.yaml');
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout });
      // Hover the mistake to show the message as a person would.
      const word = viewLine('action: allow').locator('span', { hasText: /^allow$/ }).last();
      await word.hover();
      await page.locator('.monaco-hover:visible', { hasText: 'Allow' }).first().waitFor({ timeout });
      // Let the hover finish asking for quick fixes, so the picture shows the offer rather than "Checking…".
      await page.locator('.monaco-hover:visible', { hasText: 'Quick Fix' }).first().waitFor({ timeout: 5000 }).catch(() => undefined);
      await shot('diagnostics');
      await page.mouse.move(5, 5);
    });

    await step('Problems panel lists the RULE-ACTION error', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'RULE-ACTION' }).first().waitFor({ timeout });
      await shot('problems');
      await page.keyboard.press('Control+J');
    });

    await step('code lenses above the policy and its rules', async () => {
      await openFile('p-customer2summary.yaml');
      await page.locator('.codelens-decoration', { hasText: 'Allow TCP' }).first().waitFor({ timeout });
      await shot('codelens');
    });

    await step('selector parts are coloured apart (label, operator, value)', async () => {
      const line = viewLine('selector: app == "summary"');
      await line.waitFor({ timeout });
      const classOf = async (text: string | RegExp) => (await line.locator('span > span', { hasText: text }).last().getAttribute('class')) ?? '';
      const label = await classOf(/^app$/);
      const operator = await classOf(/^ *== *$/);
      const value = await classOf(/summary/);
      if (!label || label === operator || operator === value || label === value) {
        throw new Error(`expected three colours, got label=${label} operator=${operator} value=${value}`);
      }
    });

    await step('hover over a selector operator shows its meaning', async () => {
      await openFile('p-customer2summary.yaml');
      await viewLine('selector: app == "summary"').locator('span > span', { hasText: /^ *== *$/ }).last().hover();
      await page.locator('.monaco-hover:visible').first().waitFor({ timeout });
      const text = await page.locator('.monaco-hover:visible').first().innerText();
      if (!/==|equal/i.test(text)) throw new Error(`hover says: ${text}`);
      await shot('hover');
      await page.mouse.move(5, 5);
    });

    await step('suggest widget offers workspace labels inside a selector', async () => {
      await openFile('p-customer2summary.yaml');
      await viewLine('selector: app == "summary"').click();
      await page.keyboard.press('End');
      await page.keyboard.type(' && ver');
      await page.keyboard.press('Control+Space');
      await page.locator('.suggest-widget .monaco-list-row', { hasText: 'version' }).first().waitFor({ timeout });
      await shot('completion');
      await page.keyboard.press('Escape');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Z');
    });

    await step('a long namespaceSelector: function, label, set operator and quoted values coloured apart', async () => {
      await openFile('default-app-policy.yaml');
      const line = viewLine('namespaceSelector: has(');
      await line.waitFor({ timeout });
      const classOf = async (text: RegExp) => (await line.locator('span > span', { hasText: text }).first().getAttribute('class')) ?? '';
      const parts = {
        fn: await classOf(/^has/),
        label: await classOf(/projectcalico\.org\/name/),
        setOp: await classOf(/not\sin/),
        value: await classOf(/kube-system/),
      };
      if (new Set(Object.values(parts)).size < 4 || Object.values(parts).some((c) => !c)) {
        throw new Error(`expected four colours, got ${JSON.stringify(parts)}`);
      }
      // Wide and without the side bar, so the whole selector shows in the screenshot.
      await page.setViewportSize({ width: 1240, height: 440 });
      await page.keyboard.press('Control+B');
      await page.locator('.codelens-decoration').first().waitFor({ timeout });
      await page.waitForTimeout(500);
      await shot('highlighting');
      await page.keyboard.press('Control+B');
      await page.setViewportSize({ width: 1000, height: 600 });
    });

    /** The webview frame (inner document) holding `selector`; webviews nest their content two iframes deep. */
    const webviewFrame = async (selector: string) => {
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        for (const frame of page.frames()) {
          if (await frame.$(selector).catch(() => null)) return frame;
        }
        await page.waitForTimeout(200);
      }
      throw new Error(`no webview shows ${selector}`);
    };
    const runCommand = async (title: string) => {
      await page.keyboard.press('Control+Shift+P');
      await page.locator('.quick-input-widget input').waitFor({ timeout });
      await page.keyboard.type(title);
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout });
      await page.keyboard.press('Enter');
    };

    await step('reachability matrix: customer → summary on TCP 80 is allowed, read from the webview', async () => {
      await openFile('p-customer2summary.yaml');
      await page.setViewportSize({ width: 1240, height: 700 });
      await runCommand('Calico: Show Reachability');
      const frame = await webviewFrame('table.matrix');
      const cell = frame.locator('td[aria-label^="customer to summary, TCP 80: allowed by yaobank-summary/p-customer2summary"]');
      await cell.waitFor({ timeout });
      if ((await cell.innerText()).trim() !== '✓') throw new Error(`cell shows ${await cell.innerText()}`);
      // Arrow keys move between cells: columns go by namespace, so left of customer → summary is customer → database.
      await cell.focus();
      await page.keyboard.press('ArrowLeft');
      const focused: string = await frame.evaluate('document.activeElement?.getAttribute("aria-label") ?? ""');
      if (!focused.startsWith('customer to database, TCP 80:')) throw new Error(`after ArrowLeft the focus is on "${focused}"`);
      await page.waitForTimeout(300);
      await shot('reachability');
    });

    await step('reachability: customer → database on TCP 2379 is denied; clicking the cell opens its trace', async () => {
      const frame = await webviewFrame('table.matrix');
      await frame.locator('#port').selectOption('other');
      await page.locator('.quick-input-widget input').waitFor({ timeout });
      await page.keyboard.type('TCP 2379');
      await page.keyboard.press('Enter');
      const denied = frame.locator('td[aria-label^="customer to database, TCP 2379: denied"]');
      await denied.waitFor({ timeout });
      await denied.click();
      const trace = await webviewFrame('main.trace');
      const text = await trace.locator('main.trace').innerText();
      if (!/denied/.test(text) || !text.includes('yaobank-customer/customer → yaobank-database/database, TCP 2379')) throw new Error(`trace says: ${text.slice(0, 300)}`);
      if (!(await trace.locator('a.loc').count())) throw new Error('the trace has no links to policies or rules');
      await page.waitForTimeout(300);
      await shot('trace');
    });

    await step('reachability graph: namespaces as groups, allowed flows as edges, denied ones on hover', async () => {
      const frame = await webviewFrame('table.matrix');
      await frame.locator('#port').selectOption({ label: 'TCP 80' });
      await frame.locator('td[aria-label^="customer to summary, TCP 80: allowed"]').waitFor({ timeout });
      await frame.locator('#tab-graph').click();
      const edge = frame.locator('svg.graph path.edge[data-from="yaobank-customer/customer"][data-to="yaobank-summary/summary"]');
      await edge.waitFor({ state: 'attached', timeout });
      if ((await frame.locator('svg.graph g.ns').count()) < 4) throw new Error('expected a group per namespace');
      await frame.locator('svg.graph g.node[data-key="yaobank-customer/customer"]').hover();
      const deniedTitle = frame.locator('svg.graph g.denied-edges path.edge title', { hasText: 'customer to database, TCP 80: denied' });
      await deniedTitle.first().waitFor({ state: 'attached', timeout });
      await page.waitForTimeout(300);
      await shot('reachability-graph');
      await frame.locator('#tab-matrix').click();
      await page.setViewportSize({ width: 1000, height: 600 });
    });

    await step('status bar shows the Calico state', async () => {
      const want = options.clusterContext ? `Calico: ${options.clusterContext}` : 'Calico:';
      await page.locator('.statusbar-item', { hasText: want }).first().waitFor({ timeout });
    });

    if (options.clusterContext) {
      await step('Calico Policies view: the context, tiers in order, a tier expanded', async () => {
        await page.setViewportSize({ width: 1100, height: 700 });
        // Nothing but the view: close the editors, fold the folder pane away.
        await page.keyboard.press('Control+K');
        await page.keyboard.press('W');
        const folders = page.locator('.pane-header[aria-expanded="true"]', { hasText: /examples/i }).first();
        if (await folders.count()) await folders.click();
        const header = page.locator('.pane-header', { hasText: /Calico Policies/i }).first();
        await header.waitFor({ timeout });
        if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
        const pane = page.locator('.pane', { has: header }).first();
        await pane.locator('.monaco-list-row', { hasText: options.clusterContext! }).first().waitFor({ timeout });
        const tier = pane.locator('.monaco-list-row', { hasText: /^security/ }).first();
        await tier.waitFor({ timeout });
        await tier.locator('.monaco-tl-twistie').click();
        await pane.locator('.monaco-list-row', { hasText: 'security.lockdown-database' }).first().waitFor({ timeout });
        await page.waitForTimeout(500);
        await shot('cluster-policies');
        await page.setViewportSize({ width: 1000, height: 600 });
      });
    }
  } catch (error) {
    result.failed += 1;
    console.log(`  ✘ workbench did not load: ${String(error)}`);
  } finally {
    await context.close().catch(() => undefined);
  }
  return result;
}
