// A second `npm start` while one serves names the URL already serving, instead of failing on the port.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../../scripts/localTools.mjs';
import { forgetStart, recordStart, runningStart } from '../../../scripts/startState.mjs';

/** A stand-in for the served VS Code: answers every request with 200. */
function listen(): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer((_req, res) => res.end('ok'));
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` }));
  });
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
  return child.pid!;
}

describe('the running start', () => {
  let stand: { server: Server; url: string };
  before(async () => (stand = await listen()));
  after(() => stand.server.close());

  test('a live pid whose URL answers is reported', async () => {
    const home = mkdtempSync(join(tmpdir(), 'calico-start-'));
    recordStart(home, process.pid, stand.url);
    assert.deepEqual(await runningStart(home), { pid: process.pid, url: stand.url });
  });

  test('a dead pid, a URL that does not answer or a broken file count as not running, and the file goes', async () => {
    const home = mkdtempSync(join(tmpdir(), 'calico-start-'));
    recordStart(home, deadPid(), stand.url);
    assert.equal(await runningStart(home), undefined);
    assert.equal(existsSync(join(home, 'state.json')), false);
    recordStart(home, process.pid, 'http://127.0.0.1:1/');
    assert.equal(await runningStart(home), undefined);
    writeFileSync(join(home, 'state.json'), '{not json');
    assert.equal(await runningStart(home), undefined);
  });

  test('stopping forgets only its own entry', async () => {
    const home = mkdtempSync(join(tmpdir(), 'calico-start-'));
    recordStart(home, process.pid, stand.url);
    forgetStart(home, process.pid + 1);
    assert.ok(existsSync(join(home, 'state.json')));
    forgetStart(home, process.pid);
    assert.equal(existsSync(join(home, 'state.json')), false);
  });

  test('`npm start` while another serves prints that URL and exits 0 without building or serving', async () => {
    const home = mkdtempSync(join(tmpdir(), 'calico-start-'));
    recordStart(home, process.pid, stand.url);
    // Asynchronous: the stand-in server runs in this process and must answer the second start's check.
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.mjs')], {
      cwd: repoRoot,
      env: { ...process.env, CALICO_START_HOME: home, CALICO_START_SMOKE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, out);
    assert.match(out, new RegExp(`already being served at ${stand.url.replace(/[.]/g, '\\.')} by another \`npm start\` \\(pid ${process.pid}\\)`));
    assert.doesNotMatch(out, /building|installing/);
  });
});
