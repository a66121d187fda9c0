// Runs every test stage that can run on this machine, in order, and ends with one summary line.
// Usage: node scripts/test.mjs [stage...]   (stages: typecheck unit lsp editor e2e)
import { spawnSync, spawn } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const allStages = ['typecheck', 'unit', 'lsp', 'editor', 'e2e'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : allStages;
const totals = { passed: 0, failed: 0 };
let broken = false;

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
    let pass = 0;
    let fail = 0;
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^# (pass|fail) (\d+)$/.exec(line);
        if (m) m[1] === 'pass' ? (pass = Number(m[2])) : (fail = Number(m[2]));
      }
    });
    child.on('close', (code) => {
      if (code !== 0 && fail === 0) fail = 1;
      totals.passed += pass;
      totals.failed += fail;
      if (fail > 0) broken = true;
      console.log(`${stage}: ${pass} passed, ${fail} failed`);
      resolve();
    });
  });
}

function runCommand(stage, cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  if (!ok) broken = true;
  totals[ok ? 'passed' : 'failed'] += 1;
  console.log(`${stage}: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
}

for (const stage of wanted) {
  if (stage === 'typecheck') {
    runCommand('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
    // Webview scripts run in a browser: their own project, with the DOM library.
    runCommand('typecheck (webview)', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'media']);
  }
  else if (stage === 'e2e') {
    if (existsSync('test/e2e/run.mjs')) {
      const r = spawnSync(process.execPath, ['test/e2e/run.mjs', '--if-ready'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
      });
      process.stdout.write(r.stdout ?? '');
      // The editor stage prints its own `e2e: N passed, N failed` line; count it into the totals.
      const m = /^e2e: (\d+) passed, (\d+) failed/m.exec(r.stdout ?? '');
      if (m) { totals.passed += Number(m[1]); totals.failed += Number(m[2]); }
      if (r.status !== 0) { broken = true; if (!m || Number(m[2]) === 0) totals.failed += 1; }
    }
  } else {
    if (stage === 'lsp' || stage === 'editor') {
      // These suites talk to the bundled server and CLI, so they always test a fresh build.
      const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
      if (b.status !== 0) { broken = true; totals.failed += 1; continue; }
    }
    await runNodeTests(stage, findTests(join('test', stage)));
  }
}

console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(broken ? 1 : 0);
