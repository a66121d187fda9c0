// Runs every bench/*.bench.ts (or the ones named on the command line) one after another.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

// `name:mode` picks a mode of one bench (e.g. `lsp:traffic`, the editor-traffic pattern), passed as CALICO_BENCH_MODE.
const args = process.argv.slice(2);
const only = args.map((a) => a.split(':')[0]);
const modes = Object.fromEntries(args.filter((a) => a.includes(':')).map((a) => a.split(':')));
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
let failed = false;
for (const file of files) {
  console.log(`\n## ${file}`);
  const mode = Object.entries(modes).find(([name]) => file.includes(name))?.[1];
  const env = mode ? { ...process.env, CALICO_BENCH_MODE: mode } : process.env;
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${file}`], { stdio: 'inherit', env });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
