// Where the local VS Code's pieces live on this machine (Node 24 from npm, code-server, a Chromium), and the clean
// environment its set-up runs in. Shared by `npm start`, the e2e stage and test/e2e/setup.sh.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const nodePackageDir = join(repoRoot, 'e2e', 'node24', 'node_modules', 'node');
export const vscodeModules = join(repoRoot, 'e2e', 'vscode', 'node_modules');
export const serverMain = join(vscodeModules, 'code-server', 'lib', 'vscode', 'out', 'server-main.js');

/** Name of the npm package holding Node's binary for a platform/arch, as the `node` package's installer names it. */
export function nodeBinaryPackage(platform = process.platform, arch = process.arch) {
  const os = platform === 'win32' ? 'win' : platform;
  const cpu = os === 'win' && arch === 'ia32' ? 'x86' : arch;
  const prefix = platform === 'darwin' && arch === 'arm64' ? 'node-bin' : 'node';
  return `${prefix}-${os}-${cpu}`;
}

/**
 * Node 24 installed under e2e/node24 for this platform: its package folder (headers in include/), its bin folder
 * and the executable; undefined when it is not installed.
 */
export function node24() {
  const name = nodeBinaryPackage();
  let manifest;
  try {
    manifest = createRequire(join(nodePackageDir, 'package.json')).resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  const dir = dirname(manifest);
  const exe = join(dir, process.platform === 'win32' ? 'node.exe' : join('bin', 'node'));
  if (!existsSync(exe)) return undefined;
  return { package: name, dir, bin: dirname(exe), exe };
}

/** Chromium flags for a headless run in a container (no sandbox, no GPU, no network beyond loopback). */
export const browserArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Usual Chromium/Chrome locations, after `$CHROMIUM`. */
export function chromiumCandidates(env = process.env, platform = process.platform) {
  const fromEnv = env.CHROMIUM ? [env.CHROMIUM] : [];
  if (platform === 'darwin') {
    return [...fromEnv, '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    return [...fromEnv, ...roots.map((r) => join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'))];
  }
  return [...fromEnv, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}

/** The Chromium the e2e stage and the start smoke test drive, or undefined. `$CHROMIUM` wins when it exists. */
export function findChromium(env = process.env, platform = process.platform) {
  return chromiumCandidates(env, platform).find((p) => existsSync(p));
}

/** What to install for a browser on this platform, in one sentence. */
export function chromiumAdvice(platform = process.platform) {
  if (platform === 'darwin') return 'install Chromium or Google Chrome (e.g. `brew install --cask chromium`) or set CHROMIUM to a Chrome/Chromium executable';
  if (platform === 'win32') return 'install Google Chrome or set CHROMIUM to a Chrome/Chromium executable';
  return 'install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM to a Chrome/Chromium executable';
}

// npm config a child npm must still see: where the registry and config live, proxies and certificates.
const keptNpmConfig = new Set(['registry', 'userconfig', 'globalconfig', 'cache', 'proxy', 'https_proxy', 'noproxy', 'no_proxy', 'strict_ssl', 'cafile', 'ca']);

/**
 * The environment without what `npm run` adds (npm_* variables such as npm_config_user_agent, which names the Node
 * that runs npm, and npm's PATH entries), so installers started from an npm script see the machine as a shell does.
 */
export function cleanEnv(env = process.env) {
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && keptNpmConfig.has(lower.slice('npm_config_'.length))) out[key] = value;
    else if (lower.startsWith('npm_') || key === 'NODE' || key === 'INIT_CWD') continue;
    else out[key] = value;
  }
  const pathKey = Object.keys(out).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  if (out[pathKey]) {
    out[pathKey] = out[pathKey]
      .split(delimiter)
      .filter((p) => p && !p.endsWith(`${sep}node_modules${sep}.bin`) && !p.includes(`node-gyp-bin`))
      .join(delimiter);
  }
  return out;
}

/** True when running as root (or on a system without user ids). */
export function isRoot() {
  return typeof process.getuid !== 'function' || process.getuid() === 0;
}

/**
 * Runs test/e2e/setup.sh in a clean environment. `browser`: also make sure a Chromium is there.
 * Returns true when it succeeded.
 */
export function setUpLocalVscode({ browser }) {
  const env = cleanEnv();
  if (browser) env.CALICO_SETUP_BROWSER = '1';
  const r = spawnSync('bash', [join(repoRoot, 'test', 'e2e', 'setup.sh')], { stdio: 'inherit', cwd: repoRoot, env });
  if (r.error) console.error(`setup: could not run bash: ${r.error.message}`);
  return r.status === 0;
}

/** Why the local VS Code cannot run yet (undefined when it can). `browser`: a Chromium is needed too. */
export function localVscodeMissing({ browser }) {
  if (!node24()) return `Node 24 (${nodeBinaryPackage()}) is not installed in e2e/node24`;
  if (!existsSync(serverMain)) return 'VS Code (code-server) is not installed in e2e/vscode';
  if (browser && !existsSync(join(vscodeModules, 'playwright-core', 'package.json'))) return 'playwright-core is not installed in e2e/vscode';
  if (browser && !findChromium()) return `no Chromium found ($CHROMIUM, ${chromiumCandidates({}).join(', ')}): ${chromiumAdvice()}`;
  return undefined;
}

// For setup.sh: `node scripts/localTools.mjs node24-dir|node24-package|chromium` prints one path or name (exit 1 if absent).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const what = process.argv[2];
  if (what === 'node24-package') console.log(nodeBinaryPackage());
  else if (what === 'node24-dir') {
    const n = node24();
    if (!n) process.exit(1);
    console.log(n.dir);
  } else if (what === 'chromium') {
    const c = findChromium();
    if (!c) process.exit(1);
    console.log(c);
  } else {
    console.error('usage: node scripts/localTools.mjs node24-package|node24-dir|chromium');
    process.exit(2);
  }
}
