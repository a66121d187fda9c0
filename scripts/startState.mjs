// The running `npm start`'s pid and URL, kept in <home>/state.json, so a second `npm start` can point to it.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stateFile = (home) => join(home, 'state.json');

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error?.code === 'EPERM';
  }
}

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

/** The `npm start` serving from `home` right now ({ pid, url }), or undefined; a stale state file is removed. */
export async function runningStart(home) {
  const file = stateFile(home);
  if (!existsSync(file)) return undefined;
  let state;
  try {
    state = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    state = undefined;
  }
  if (state && Number.isInteger(state.pid) && typeof state.url === 'string' && alive(state.pid) && (await answers(state.url))) {
    return { pid: state.pid, url: state.url };
  }
  rmSync(file, { force: true });
  return undefined;
}

export function recordStart(home, pid, url) {
  mkdirSync(home, { recursive: true });
  writeFileSync(stateFile(home), JSON.stringify({ pid, url }) + '\n');
}

/** Removes the state file if it still names `pid` (a newer start may have replaced it). */
export function forgetStart(home, pid) {
  const file = stateFile(home);
  try {
    if (JSON.parse(readFileSync(file, 'utf8')).pid === pid) rmSync(file, { force: true });
  } catch {
    // no state or unreadable: nothing to forget
  }
}
