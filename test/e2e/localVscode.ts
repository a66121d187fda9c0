// Where the local VS Code (code-server's VS Code server on Node 24) and its browser driver live, and how to run them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { browserArgs, cleanEnv, findChromium, localVscodeMissing, node24, repoRoot, serverMain, vscodeModules } from '../../scripts/localTools.mjs';

export { browserArgs, repoRoot, serverMain };

/** Why the local VS Code cannot run the editor stage yet (it needs a Chromium too), or undefined when it can. */
export function notReadyReason(): string | undefined {
  return localVscodeMissing({ browser: true });
}

/** The Chromium to drive; throws with what to install when there is none. */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error(notReadyReason() ?? 'no Chromium found');
  return found;
}

/** Node 24's executable and bin folder; throws when it is not installed. */
function node24OrThrow(): { exe: string; bin: string } {
  const n = node24();
  if (!n) throw new Error(notReadyReason() ?? 'Node 24 is not installed in e2e/node24');
  return n;
}

/** playwright-core from e2e/vscode (not a dependency of the project itself). */
export function playwright(): { chromium: { launch(options: object): Promise<any> } } {
  return createRequire(join(vscodeModules, 'noop.js'))('playwright-core');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  /** Off only for the run that checks untrusted-workspace behaviour. */
  workspaceTrust: boolean;
  /** `calico.*` (and other) user/machine settings to seed. */
  settings?: Record<string, unknown>;
  /** Extra environment for the extension host (it inherits the server's). */
  env?: Record<string, string>;
  /** Prints the server's output with this prefix when set. */
  log?: (line: string) => void;
  /** A packaged extension to install before the server starts, as a user would. */
  installVsix?: string;
}

export class LocalVscode {
  private constructor(
    readonly port: number,
    readonly runDir: string,
    private readonly child: ChildProcess,
    private readonly socketsBefore: Set<string>,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(options: ServerOptions): Promise<LocalVscode> {
    const socketsBefore = ipcSockets();
    const port = await freePort();
    const runDir = join(repoRoot, '.e2e', `run-${port}`);
    rmSync(runDir, { recursive: true, force: true });
    const settings = {
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'editor.hover.delay': 100,
      'workbench.tips.enabled': false,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.emptyWindow': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'editor.minimap.enabled': false,
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.wordBasedSuggestions': 'off',
      'files.autoSave': 'off',
      'git.enabled': false,
      ...options.settings,
    };
    // The browser reads User settings; machine-scoped settings (kubeconfig, context) come from the server's Machine file.
    for (const dir of [join(runDir, 'data', 'User'), join(runDir, 'server-data', 'data', 'Machine')]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
    }
    const dataDirs = [
      '--user-data-dir', join(runDir, 'data'),
      '--server-data-dir', join(runDir, 'server-data'),
      '--extensions-dir', join(runDir, 'exts'),
    ];
    const args = [
      serverMain,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      ...dataDirs,
    ];
    if (!options.workspaceTrust) args.push('--disable-workspace-trust');
    if (options.installVsix) {
      const install = spawnSync(node24OrThrow().exe, [serverMain, ...dataDirs, '--install-extension', options.installVsix, '--force'], { encoding: 'utf8' });
      if (install.status !== 0) throw new Error(`installing ${options.installVsix} failed: ${install.stdout}${install.stderr}`);
    }
    const n24 = node24OrThrow();
    const env = cleanEnv();
    const child = spawn(n24.exe, args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env, PATH: `${n24.bin}${delimiter}${env.PATH ?? ''}`, ...options.env },
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        if (options.log) for (const line of chunk.split('\n')) if (line.trim()) options.log(line);
      });
    }
    const server = new LocalVscode(port, runDir, child, socketsBefore);
    await server.waitUntilUp();
    return server;
  }

  private async waitUntilUp(): Promise<void> {
    for (let i = 0; i < 300; i++) {
      if (this.child.exitCode !== null) throw new Error(`VS Code server exited with code ${this.child.exitCode}`);
      try {
        const res = await fetch(`${this.origin}/version`);
        if (res.status < 500) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('VS Code server did not answer within 30 s');
  }

  /** URL that opens `folder` with the installed extensions only. */
  folderUrl(folder: string): string {
    return `${this.origin}/?folder=${encodeURIComponent(folder)}`;
  }

  /** URL that opens `folder`, loading the extension under development and optionally running tests. */
  workbenchUrl(folder: string, extensionDir: string, testsEntry?: string): string {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${this.port}${p}`;
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', remote(extensionDir)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    if (testsEntry) payload.push(['extensionTestsPath', remote(testsEntry)]);
    return `${this.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.pid) {
      try {
        process.kill(-this.child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 300));
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (!process.env.CALICO_E2E_KEEP) rmSync(this.runDir, { recursive: true, force: true });
    // Each run leaves IPC sockets in the temp dir: remove the ones that appeared during this run only.
    for (const name of ipcSockets()) {
      if (!this.socketsBefore.has(name)) rmSync(join(tmpdir(), name), { force: true });
    }
  }
}

function ipcSockets(): Set<string> {
  return new Set(readdirSync(tmpdir()).filter((name) => /^vscode-(ipc|git)-.*\.sock$/.test(name)));
}
