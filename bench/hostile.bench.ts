// Hostile inputs that once took seconds: the CLI on a 1 MB file of aliases and long flow collections,
// Explain Policy on a 16,000-character document with collection keys, semantic tokens on a long escaped
// selector, and a flood of syntax errors. Prints milliseconds per case (best of three).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFile } from '../server/src/document';
import { validateFile } from '../server/src/validation';
import { explainPolicy } from '../server/src/features/explain';
import { selectorSemanticTokens } from '../server/src/features/semanticTokens';

const head = (name: string) => `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n`;

/** About 1 MB: policies whose rules, lists and mappings are mostly aliases, in long flow collections. */
function aliasFile(): string {
  let out = '';
  for (let d = 0; out.length < 1_000_000; d++) {
    out += `${head(`p${d}`)}  selector: &sel app == "web"\n  types: [Ingress]\n`;
    out += '  ingress:\n    - &rule {action: Allow, source: {selector: *sel, nets: &nets [10.0.0.0/8, 192.168.0.0/16]}}\n';
    out += `  egress: [${Array(2000).fill('*rule').join(', ')}]\n`;
    out += `  labels: {${Array.from({ length: 6000 }, (_, i) => `k${i}: *nets`).join(', ')}}\n---\n`;
  }
  return out;
}

/** About 16,000 characters of rules, each with mappings and lists used as keys. */
function complexKeyPolicy(): string {
  let rules = '';
  for (let i = 0; rules.length < 16_000; i++) rules += `    - {action: Allow, {a: *s}: x, {b: *s}: y, [*s, *s]: w, source: *s}\n`;
  return `${head('keys')}  selector: app == "x"\n  types: [Ingress]\n  ingress:\n    - action: Allow\n      source: &s {selector: app == "y", nets: [10.0.0.0/8]}\n${rules}`;
}

function escapedSelector(): string {
  const selector = Array.from({ length: 1600 }, (_, i) => `k${i} == \\"v\\"`).join(' && ');
  return `${head('escaped')}  selector: "${selector}"\n`;
}

function best(run: () => void): number {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    run();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const dir = mkdtempSync(join(tmpdir(), 'calico-hostile-'));
try {
  const path = join(dir, 'aliases.yaml');
  const aliases = aliasFile();
  writeFileSync(path, aliases);
  const cli = best(() => spawnSync(process.execPath, ['dist/cli.js', 'lint', path], { encoding: 'utf8' }));
  console.log(`CLI lint, ${(aliases.length / 1e6).toFixed(2)} MB of aliases: ${cli.toFixed(0)} ms`);

  const keys = parseFile(complexKeyPolicy());
  console.log(`Explain Policy, ${keys.text.length} characters with collection keys: ${best(() => explainPolicy(keys, 10)).toFixed(1)} ms`);

  const escaped = parseFile(escapedSelector());
  console.log(`semantic tokens, ${escaped.text.length}-character escaped selector: ${best(() => selectorSemanticTokens(escaped)).toFixed(1)} ms`);

  const flood = `${head('flood')}  x: [a]${']'.repeat(200_000)}\n`;
  console.log(`lint, 200,000 stray brackets: ${best(() => validateFile(parseFile(flood), { calicoVersion: 'latest' })).toFixed(0)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
