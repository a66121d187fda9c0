// `calico-policy diff-traffic [--cluster …] [--format text|json] PATH…`: which flows between the known endpoints
// change verdict when PATH's resources are applied — per protocol/port the policies name — with the deciding
// rule before and after. Exit 0: nothing changes, 1: some flows change, 2: usage or input error.
import { isMap } from 'yaml';
import { relative, sep } from 'node:path';
import { parseFile, type ParsedFile } from '../document';
import { buildTrafficModel, policyPorts, simulateFlow, type MissingData, type TrafficModel, type TrafficSourceFile } from '../traffic';
import type { DecidedBy, FlowResult, Verdict } from '../../../protocol/traffic';
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

const PORTED = new Set(['TCP', 'UDP', 'SCTP', 'UDPLite']);

/** Documents that only describe endpoints: in both the before and the after picture. */
const ENDPOINT_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Namespace', 'ServiceAccount']);

export interface FlowChange {
  from: string;
  to: string;
  protocol: string;
  port?: number;
  change: 'becomes-denied' | 'becomes-allowed';
  before: FlowSide;
  after: FlowSide;
}

interface FlowSide {
  verdict: Verdict;
  decidedBy: DecidedBy;
  /** One line naming the deciding rule. */
  decision: string;
  uncertain?: string;
}

export interface DiffTrafficResult {
  changes: FlowChange[];
  /** `otherPorts`: a port no policy names, standing for every such port. */
  checked: { endpoints: number; ports: { protocol: string; port?: number; otherPorts?: boolean }[]; flows: number };
  /** Flows whose verdict did not change but which depend on data that could not be read. */
  uncertainFlows: number;
  warnings: string[];
  cluster?: { context: string; fetchedAt: string; calicoGroup?: string };
}

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

/** The file with only its endpoint documents (workloads, namespaces, service accounts). */
function endpointPart(file: ParsedFile): ParsedFile | undefined {
  const kept: string[] = [];
  for (const doc of file.documents) {
    const root = doc.yaml.contents;
    const kind = isMap(root) ? root.get('kind') : undefined;
    if (typeof kind === 'string' && ENDPOINT_KINDS.has(kind)) kept.push(file.text.slice(doc.start, doc.end));
  }
  return kept.length ? parseFile(kept.join('\n---\n')) : undefined;
}

/** One workload per distinct namespace + labels + service account (replicas of a Deployment judge alike). */
function endpointIds(model: TrafficModel, max: number): { ids: string[]; total: number } {
  const seen = new Map<string, string>();
  for (const w of [...model.workloads.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const key = JSON.stringify([w.namespace, w.serviceAccount, Object.entries(w.labels).sort()]);
    if (!seen.has(key)) seen.set(key, w.id);
  }
  const all = [...seen.values()];
  return { ids: all.slice(0, max), total: all.length };
}

function decision(r: FlowResult): string {
  const d = r.decidedBy;
  const from = d.source ? ` [${d.source}]` : '';
  if (r.note) return r.note;
  if (d.reason === 'profile') return `no policy selects ${d.side === 'egress' ? r.from : r.to} for ${d.side}: the profile allows`;
  if (d.reason === 'end-of-tier') return `end of tier ${d.tier} (${d.side}): no rule matched, the tier's default action`;
  return `${d.policy} ${d.side} rule ${d.ruleIndex} (tier ${d.tier})${from}`;
}

function side(r: FlowResult): FlowSide {
  const s: FlowSide = { verdict: r.verdict, decidedBy: r.decidedBy, decision: decision(r) };
  if (r.uncertain) s.uncertain = r.uncertain;
  return s;
}

export function diffTraffic(before: TrafficModel, after: TrafficModel, maxEndpoints: number): Omit<DiffTrafficResult, 'warnings' | 'cluster'> & { capped?: number } {
  const { ids, total } = endpointIds(after, maxEndpoints);
  const portKey = (p: { protocol: string; port?: number }) => `${p.protocol}|${p.port ?? ''}`;
  const ports = new Map<string, { protocol: string; port?: number }>();
  for (const p of [...policyPorts(before), ...policyPorts(after)]) ports.set(portKey(p), p);
  if (ports.size === 0) ports.set('TCP|', { protocol: 'TCP' });
  // A rule for a protocol without ports covers every port: probe one that no policy names.
  for (const [key, p] of [...ports]) {
    if (p.port !== undefined || !PORTED.has(p.protocol)) continue;
    ports.delete(key);
    const named = new Set([...ports.values()].filter((q) => q.protocol === p.protocol).map((q) => q.port));
    let free = 1;
    while (named.has(free)) free++;
    ports.set(`${p.protocol}|${free}`, { protocol: p.protocol, port: free, otherPorts: true } as { protocol: string; port: number });
  }
  const portList = [...ports.values()].sort((a, b) => (a.protocol === b.protocol ? (a.port ?? 0) - (b.port ?? 0) : a.protocol < b.protocol ? -1 : 1));
  const changes: FlowChange[] = [];
  let flows = 0;
  let uncertainFlows = 0;
  for (const from of ids) {
    for (const to of ids) {
      if (from === to) continue;
      for (const p of portList) {
        const query = { from, to, protocol: p.protocol, ...(p.port !== undefined ? { port: p.port } : {}) };
        let b: FlowResult;
        let a: FlowResult;
        try {
          b = simulateFlow(before, query);
          a = simulateFlow(after, query);
        } catch {
          continue;
        }
        flows++;
        if (b.verdict === a.verdict) {
          if (b.uncertain || a.uncertain) uncertainFlows++;
          continue;
        }
        changes.push({ ...query, change: a.verdict === 'deny' ? 'becomes-denied' : 'becomes-allowed', before: side(b), after: side(a) });
      }
    }
  }
  return { changes, checked: { endpoints: ids.length, ports: portList, flows }, uncertainFlows, ...(total > ids.length ? { capped: total } : {}) };
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
