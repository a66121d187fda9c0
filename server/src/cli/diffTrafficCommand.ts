// `calico-policy diff-traffic [--cluster …] [--format text|json] PATH…`: which flows between the known endpoints
// change verdict when PATH's resources are applied — per protocol/port the policies name — with the deciding
// rule before and after. Exit 0: nothing changes, 1: some flows change, 2: usage or input error.
import { relative, sep } from 'node:path';
import { parseFile } from '../document';
import { buildTrafficModel, diffTraffic, endpointPart, type MissingData, type TrafficSourceFile } from '../traffic';
import type { DiffTrafficResult } from '../../../protocol/traffic';
export type { DiffTrafficResult, FlowChange } from '../../../protocol/traffic';
import { CliIo, ExitCode } from './io';
import { collectInputs } from './lintFiles';
import { scanArgs } from './scanArgs';
import { clusterUsage, loadClusterInput, takeClusterFlags } from './clusterInput';
import { missingSentence } from '../cluster';

const usage = `Usage:
  calico-policy diff-traffic [--cluster [--context NAME] [--kubeconfig FILE]] [--format text|json] PATH...
  For every pair of known workloads and every protocol/port the policies name, compares the verdict before
  (the cluster as it is, or without --cluster no policies at all) and after applying PATH (files or
  directories of *.yaml/*.yml). Workloads, namespaces and service accounts in PATH are endpoints in both.
  Lists the flows that become denied or allowed, with the deciding rule before and after.
${clusterUsage}  --format          text (default) or json
  --max-endpoints N at most N distinct workloads (pods with equal labels count once; default 100)
Exit status: 0 no flow changes, 1 some flows change, 2 usage error or unreadable input.
`;

interface Args {
  paths: string[];
  format: 'text' | 'json';
  maxEndpoints: number;
}

function parseArgs(args: string[]): Args | string | 'help' {
  const out: Args = { paths: [], format: 'text', maxEndpoints: 100 };
  const stop = scanArgs(args, out.paths, (flag, take) => {
    const value = take();
    if (flag === '--format') {
      if (value !== 'text' && value !== 'json') return `--format must be text or json, not '${value ?? ''}'`;
      out.format = value;
    } else if (flag === '--max-endpoints') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 2) return `--max-endpoints must be a whole number of at least 2, not '${value ?? ''}'`;
      out.maxEndpoints = n;
    } else return `unknown option '${flag}'`;
    return undefined;
  });
  if (stop !== undefined) return stop;
  if (out.paths.length === 0) return 'name the files or directories to apply (PATH...)';
  return out;
}

function displayPath(path: string): string {
  return relative(process.cwd(), path).split(sep).join('/') || path;
}

function text(result: DiffTrafficResult): string {
  const lines: string[] = [];
  const against = result.cluster ? `cluster ${result.cluster.context} (read ${result.cluster.fetchedAt})` : 'no policies';
  const portText = result.checked.ports.map((p) => `${p.protocol}${p.port !== undefined ? `/${p.port}` : ''}${p.otherPorts ? ' (any port no policy names)' : ''}`).join(', ');
  lines.push(`${result.changes.length} flow${result.changes.length === 1 ? '' : 's'} change verdict against ${against}: ${result.checked.flows} flows checked between ${result.checked.endpoints} workloads on ${portText}`);
  for (const c of result.changes) {
    lines.push('');
    lines.push(`${c.change === 'becomes-denied' ? 'BECOMES DENIED ' : 'BECOMES ALLOWED'} ${c.from} -> ${c.to} ${c.protocol}${c.port !== undefined ? `/${c.port}` : ''}`);
    lines.push(`  before: ${c.before.verdict} by ${c.before.decision}${c.before.uncertain ? ' [uncertain]' : ''}`);
    lines.push(`  after:  ${c.after.verdict} by ${c.after.decision}${c.after.uncertain ? ' [uncertain]' : ''}`);
    const why = c.after.uncertain ?? c.before.uncertain;
    if (why) lines.push(`  uncertain: ${why}`);
  }
  if (result.uncertainFlows) lines.push('', `${result.uncertainFlows} unchanged flows depend on data that could not be read (uncertain)`);
  return `${lines.join('\n')}\n`;
}

export async function runDiffTrafficCommand(argv: string[], io: CliIo): Promise<number> {
  const cluster = takeClusterFlags(argv);
  const parsed = typeof cluster === 'string' ? cluster : parseArgs(cluster.rest);
  if (parsed === 'help') {
    io.stdout(usage);
    return ExitCode.ok;
  }
  if (typeof parsed === 'string' || typeof cluster === 'string') {
    io.stderr(`calico-policy diff-traffic: ${typeof cluster === 'string' ? cluster : parsed}\n${usage}`);
    return ExitCode.usage;
  }
  let base: TrafficSourceFile[] = [];
  let missing: MissingData[] = [];
  const warnings: string[] = [];
  let clusterInfo: DiffTrafficResult['cluster'];
  if (cluster.flags.cluster) {
    const input = await loadClusterInput(cluster.flags, io, 'diff-traffic');
    if (!input) return ExitCode.usage;
    base = input.files;
    missing = input.missing;
    warnings.push(...input.missing.map(missingSentence));
    clusterInfo = { context: input.snapshot.context, fetchedAt: input.snapshot.fetchedAt, ...(input.snapshot.calicoGroup ? { calicoGroup: input.snapshot.calicoGroup } : {}) };
  }
  const inputs = await collectInputs(parsed.paths, io.readStdin);
  const applied: TrafficSourceFile[] = [];
  const endpointsOnly: TrafficSourceFile[] = [];
  for (const input of inputs) {
    if (input.error !== undefined || input.text === undefined) {
      io.stderr(`calico-policy diff-traffic: cannot read ${input.path}: ${input.error ?? 'unknown error'}\n`);
      return ExitCode.usage;
    }
    const uri = input.path === '-' ? '<stdin>' : displayPath(input.path);
    const file = parseFile(input.text);
    applied.push({ uri, file, source: 'workspace' });
    const part = endpointPart(file);
    if (part) endpointsOnly.push({ uri, file: part, source: 'workspace' });
  }
  const before = buildTrafficModel({ files: [...base, ...endpointsOnly], missing });
  const after = buildTrafficModel({ files: [...base, ...applied], missing });
  const diff = diffTraffic(before, after, parsed.maxEndpoints);
  if (diff.capped) warnings.push(`only the first ${diff.checked.endpoints} of ${diff.capped} distinct workloads were checked (--max-endpoints)`);
  const result: DiffTrafficResult = { changes: diff.changes, checked: diff.checked, uncertainFlows: diff.uncertainFlows, warnings, ...(clusterInfo ? { cluster: clusterInfo } : {}) };
  if (parsed.format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(text(result));
  for (const w of warnings.filter((w) => w.startsWith('only the first'))) io.stderr(`warning: ${w}\n`);
  return result.changes.length ? ExitCode.problems : ExitCode.ok;
}
