// `npm start`: sets up the local VS Code if needed, installs the freshly packaged extension into it and serves it
// at http://127.0.0.1:PORT with examples/ open (PORT from the environment, else 3000, else the next free port).
// A second `npm start` while one serves prints that one's URL. Needs no browser: open the URL in your own.
// `npm start -- --smoke` (or CALICO_START_SMOKE=1): the same from a fresh profile on any free port, then proves the
// extension activated by opening the URL in Chromium (playwright-core) until our status-bar item and a diagnostic
// show, and stops by itself: exit 0 when all of that worked, 1 otherwise, within a bounded time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { browserArgs, cleanEnv, findChromium, localVscodeMissing, node24, repoRoot as root, serverMain, setUpLocalVscode, vscodeModules } from './localTools.mjs';
import { forgetStart, recordStart, runningStart } from './startState.mjs';

const smoke = process.argv.includes('--smoke') || /^(1|true)$/i.test(process.env.CALICO_START_SMOKE ?? '');
// CALICO_START_HOME: another profile folder (the tests use one, so they never touch a running `npm start`).
const home = process.env.CALICO_START_HOME ?? join(root, '.e2e', smoke ? 'smoke' : 'start');
const vsix = join(root, 'out', smoke ? 'calico-policy-smoke.vsix' : 'calico-policy-dev.vsix');
// Smoke limits: set-up from nothing takes ~3-5 min on a slow machine; serving and activation well under a minute.
const setupLimitMs = 20 * 60_000;
const serveLimitMs = 4 * 60_000;

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

function step(what, cmd, args, env) {
  console.log(`start: ${what}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: env ?? process.env, timeout: smoke ? setupLimitMs : undefined });
  if (r.status !== 0) fail(`${what} failed${r.error ? ` (${r.error.message})` : ''}`);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function anyFreePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function choosePort() {
  if (smoke) return anyFreePort();
  const wanted = Number(process.env.PORT ?? 3000);
  if (await portIsFree(wanted)) return wanted;
  for (let p = wanted + 1; p < wanted + 50; p++) if (await portIsFree(p)) return p;
  return anyFreePort();
}

if (!smoke) {
  const running = await runningStart(home);
  if (running) {
    console.log(`start: Calico Policy in VS Code is already being served at ${running.url} by another \`npm start\` (pid ${running.pid}).`);
    console.log('start: open that URL in your browser, or stop that one with Ctrl+C in its terminal first.');
    process.exit(0);
  }
}

if (localVscodeMissing({ browser: smoke })) {
  console.log('start: installing the local VS Code');
  if (!setUpLocalVscode({ browser: smoke })) fail('installing the local VS Code failed (see the set-up output above)');
  const still = localVscodeMissing({ browser: smoke });
  if (still) fail(`the local VS Code is still not usable: ${still}`);
}
const n24 = node24();
step('building and packaging the extension', process.execPath, [join(root, 'scripts/package.mjs'), vsix]);

if (smoke) rmSync(home, { recursive: true, force: true });
const dirs = ['--user-data-dir', join(home, 'data'), '--server-data-dir', join(home, 'server-data'), '--extensions-dir', join(home, 'exts')];
const settings = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
};
// The workbench reads User settings from the server's user-data dir; machine-scoped ones come from Machine.
for (const dir of [join(home, 'data', 'User'), join(home, 'server-data', 'data', 'Machine')]) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'settings.json');
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(settings, null, 2));
}
// The served VS Code and its extension host see the machine's environment, not npm's.
const env = cleanEnv();
env.PATH = `${n24.bin}${delimiter}${env.PATH ?? ''}`;
step('installing the extension into the local VS Code', n24.exe, [serverMain, ...dirs, '--install-extension', vsix, '--force'], env);

// VS Code leaves IPC sockets in the temp dir; remember which existed so only ours are removed on exit.
const sockets = () => readdirSync(tmpdir()).filter((n) => /^vscode-(ipc|git)-.*\.sock$/.test(n));
const socketsBefore = new Set(sockets());
const port = await choosePort();
const url = `http://127.0.0.1:${port}/`;
const server = spawn(
  n24.exe,
  [serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
    '--disable-telemetry', '--disable-workspace-trust', '--default-folder', join(root, 'examples'), ...dirs],
  { stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', env },
);
let serverLog = '';
const keepLog = (chunk) => {
  serverLog = (serverLog + chunk).slice(-20_000);
  if (process.env.CALICO_START_VERBOSE) process.stdout.write(chunk);
};
server.stdout.on('data', keepLog);
server.stderr.on('data', keepLog);

const cleanUp = () => {
  forgetStart(home, process.pid);
  for (const name of sockets()) if (!socketsBefore.has(name)) rmSync(join(tmpdir(), name), { force: true });
};
let stopping = false;
const stop = (code) => {
  stopping = true;
  try {
    if (process.platform === 'win32') server.kill();
    else process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already stopped
  }
  setTimeout(() => {
    cleanUp();
    process.exit(code);
  }, 500);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.on('exit', (code) => {
  cleanUp();
  if (stopping) return;
  console.error(`start: VS Code server exited (${code})${serverLog ? `; its last output:\n${serverLog.slice(-4000)}` : ''}`);
  process.exit(code || 1);
});

/** Resolves with the status of GET url once the server answers, or throws after `limitMs`. */
async function waitForHttp(limitMs) {
  const until = Date.now() + limitMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      if (Date.now() > until) throw new Error(`${url} did not answer within ${limitMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Opens the URL as a user would and waits until our extension is active and its language server answered. */
async function proveActivation() {
  const { chromium } = createRequire(join(vscodeModules, 'noop.js'))('playwright-core');
  const browser = await chromium.launch({ executablePath: findChromium(), args: browserArgs, headless: true });
  const timeout = 60_000;
  try {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 700 } })).newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout });
    // Opening a YAML file is what activates the extension (activationEvents: onLanguage:yaml).
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout });
    await page.keyboard.type('mistakes.yaml');
    await page.locator('.quick-input-list .monaco-list-row:has-text("mistakes.yaml")').first().waitFor({ timeout });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active:has-text("mistakes.yaml")').waitFor({ timeout });
    // The status-bar item exists only once activate() ran; leaving "starting" means the server reported its state.
    await page.locator('.statusbar-item', { hasText: 'Calico:' }).filter({ hasNotText: 'starting' }).first().waitFor({ timeout });
    console.log('start: smoke: the Calico status-bar item is showing');
    // examples/policies/mistakes.yaml has a lower-case `allow`: the language server's error must be drawn.
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout });
    console.log('start: smoke: the language server reported the mistakes in mistakes.yaml');
  } catch (error) {
    throw new Error(`the extension did not activate in the served VS Code: ${String(error).split('\n')[0]}`);
  } finally {
    await browser.close().catch(() => undefined);
  }
}

try {
  const status = await waitForHttp(smoke ? serveLimitMs : 120_000);
  if (status !== 200) throw new Error(`${url} answered HTTP ${status}, not 200`);
} catch (error) {
  console.error(`start: ${error.message}`);
  stop(1);
}
if (!stopping) {
  if (!smoke) recordStart(home, process.pid, url);
  console.log(`\nCalico Policy in VS Code: ${url}   (examples/ is open; ${smoke ? 'smoke test' : 'Ctrl+C stops it'})\n`);
  if (smoke) {
    console.log(`start: smoke: ${url} answered HTTP 200`);
    const limit = setTimeout(() => {
      console.error(`start: smoke: no proof of activation within ${serveLimitMs / 1000} s`);
      stop(1);
    }, serveLimitMs);
    proveActivation().then(
      () => {
        clearTimeout(limit);
        console.log('start: smoke test passed');
        stop(0);
      },
      (error) => {
        clearTimeout(limit);
        console.error(`start: smoke: ${error.message}`);
        stop(1);
      },
    );
  }
}
