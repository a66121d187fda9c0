// Runs every test stage that can run on this machine, in order, and ends with one summary line
// (`N passed, N failed, N skipped`). Skipped and todo tests are counted per stage; under CI (CI=true or 1) any
// skipped or todo test, or a stage that cannot run, is a failure.
// Usage: node scripts/test.mjs [stage...]   (stages: typecheck unit lsp editor e2e, or a folder of *.test.ts files)
import { spawnSync, spawn } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const allStages = ['typecheck', 'unit', 'lsp', 'editor', 'e2e'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : allStages;
const inCi = /^(1|true)$/i.test(process.env.CI ?? '');
const totals = { passed: 0, failed: 0, skipped: 0 };
/** `stage: test name # SKIP reason` of every skipped or todo test, printed again at the end. */
const notRun = [];
let broken = false;

/** Adds a stage's counts to the totals and prints its line; skips and todos break the run under CI. */
function record(stage, { pass, fail, skipped, todo }) {
  totals.passed += pass;
  totals.failed += fail;
  totals.skipped += skipped + todo;
  if (fail > 0) broken = true;
  if (inCi && skipped + todo > 0) broken = true;
  console.log(`${stage}: ${pass} passed, ${fail} failed, ${skipped} skipped${todo ? `, ${todo} todo` : ''}${inCi && skipped + todo ? ' (under CI a skipped or todo test fails the run)' : ''}`);
}

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out.sort();
}

function runNodeTests(stage, files) {
  if (files.length === 0) {
    console.log(`${stage}: no tests`);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, CALICO_TEST_STAGE: stage },
    });
    const counts = { pass: 0, fail: 0, skipped: 0, todo: 0, cancelled: 0 };
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^# (pass|fail|skipped|todo|cancelled) (\d+)$/.exec(line);
        if (m) counts[m[1]] = Number(m[2]);
        const s = /^\s*ok \d+ - (.*?) # (SKIP|TODO)\b(.*)$/i.exec(line);
        if (s) notRun.push(`${stage}: ${s[1]} # ${s[2].toUpperCase()}${s[3]}`);
      }
    });
    child.on('close', (code) => {
      let fail = counts.fail + counts.cancelled;
      if (code !== 0 && fail === 0) fail = 1;
      record(stage, { pass: counts.pass, fail, skipped: counts.skipped, todo: counts.todo });
      resolve();
    });
  });
}

function runCommand(stage, cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  record(stage, { pass: ok ? 1 : 0, fail: ok ? 0 : 1, skipped: 0, todo: 0 });
}

for (const stage of wanted) {
  if (stage === 'typecheck') {
    runCommand('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
    // Webview scripts run in a browser: their own project, with the DOM library.
    runCommand('typecheck (webview)', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'media']);
  }
  else if (stage === 'e2e') {
    // run.mjs fails under CI when the local VS Code is missing, and reports a skipped stage otherwise.
    const r = spawnSync(process.execPath, ['test/e2e/run.mjs', '--if-ready'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    process.stdout.write(r.stdout ?? '');
    // The editor stage prints its own `e2e: N passed, N failed[, N skipped]` line; count it into the totals.
    const m = [...(r.stdout ?? '').matchAll(/^e2e: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/gm)].at(-1);
    const counts = { pass: Number(m?.[1] ?? 0), fail: Number(m?.[2] ?? 0), skipped: Number(m?.[3] ?? 0), todo: 0 };
    if (r.status !== 0 && counts.fail === 0) counts.fail = 1;
    record('e2e (total)', counts);
  } else {
    if (stage === 'lsp' || stage === 'editor') {
      // These suites talk to the bundled server and CLI, so they always test a fresh build.
      const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
      if (b.status !== 0) { record(`${stage} (build)`, { pass: 0, fail: 1, skipped: 0, todo: 0 }); continue; }
    }
    // A folder given instead of a stage name runs as a stage of its own (how the runner itself is tested).
    const dir = allStages.includes(stage) ? join('test', stage) : stage;
    if (!allStages.includes(stage) && !existsSync(dir)) {
      record(`${stage} (no such stage or folder)`, { pass: 0, fail: 1, skipped: 0, todo: 0 });
      continue;
    }
    await runNodeTests(stage, findTests(dir));
  }
}

if (notRun.length) console.log(`\nNot run:\n  ${notRun.join('\n  ')}`);
if (inCi && totals.skipped > 0) console.log(`CI: ${totals.skipped} skipped or todo tests count as failures`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(broken ? 1 : 0);
