// `calico-policy simulate [PATH…] --from A --to B --protocol P [--port N] [--format text|json]`,
// `--flows FILE` (a batch, optionally with expectations) and `--matrix`: what the policies do together.
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { CliIo, ExitCode } from './io';
import { parseFile } from '../document';
import { collectInputs } from './lintFiles';
import { scanArgs } from './scanArgs';
import { buildTrafficModel, FlowQueryError, simulateFlow, simulateMatrix, UnknownEndpointError, type TrafficModel } from '../traffic';
import type { FlowQuery, FlowResult, MatrixResult, SideTrace } from '../../../protocol/traffic';
import { clusterUsage, loadClusterInput, takeClusterFlags, type ClusterFlags } from './clusterInput';

const usage = `Usage:
  calico-policy simulate [PATH...] --from NS/NAME|IP --to NS/NAME|IP --protocol P [--port N] [--format text|json]
  calico-policy simulate [PATH...] --flows FILE [--format text|json]
  calico-policy simulate [PATH...] --matrix --protocol P [--port N] [--format text|json]
  calico-policy simulate --cluster [--context NAME] [--kubeconfig FILE] [PATH...] ...
  Simulates Calico's evaluation of every policy in PATH (files or directories searched for *.yaml/*.yml;
  default .): tiers, order, Pass, staged policies, Kubernetes NetworkPolicies as knp.default.* at order 1000.
  --from, --to      a workload as NAMESPACE/NAME (Pods and Deployments, StatefulSets, DaemonSets, ReplicaSets,
                    Jobs, CronJobs by their own name), or an IP address outside the cluster
  --protocol        TCP, UDP, SCTP, ICMP, ICMPv6, UDPLite or a number 1-255 (required)
  --port            destination port number, or a named container port of the destination
  --flows FILE      JSON array of {"from","to","protocol","port"[,"expect":"allow"|"deny"]}; results in the same order
  --matrix          every workload to every workload and to the external networks the policies name
  --format          text (default) or json
  --calico-version  target Calico release for the validation that sets invalid policies aside (default: latest)
${clusterUsage}Exit status: 0 done (all expectations met), 1 an expectation failed, 2 usage error, unreadable input or unknown endpoint.
`;

interface SimulateArgs {
  paths: string[];
  from?: string;
  to?: string;
  protocol?: string;
  port?: string;
  flows?: string;
  matrix: boolean;
  format: 'text' | 'json';
  calicoVersion: string;
}

function parseArgs(args: string[]): SimulateArgs | string | 'help' {
  const out: SimulateArgs = { paths: [], matrix: false, format: 'text', calicoVersion: 'latest' };
  const seen = new Set<string>();
  const stop = scanArgs(args, out.paths, (flag, take) => {
    if (flag === '--matrix') {
      out.matrix = true;
      return undefined;
    }
    const known = ['--from', '--to', '--protocol', '--port', '--flows', '--format', '--calico-version'];
    if (!known.includes(flag)) return `unknown option '${flag}'`;
    if (seen.has(flag)) return `${flag} given twice`;
    seen.add(flag);
    const value = take();
    if (value === undefined || value === '') return `${flag} needs a value`;
    switch (flag) {
      case '--from':
        out.from = value;
        break;
      case '--to':
        out.to = value;
        break;
      case '--protocol':
        out.protocol = value;
        break;
      case '--port':
        out.port = value;
        break;
      case '--flows':
        out.flows = value;
        break;
      case '--format':
        if (value !== 'text' && value !== 'json') return `--format must be text or json, not '${value}'`;
        out.format = value;
        break;
      case '--calico-version':
        if (!(value === 'latest' || /^v?\d+\.\d+(\.\d+)?$/.test(value))) return `--calico-version must be 'latest' or a release such as 3.27, not '${value}'`;
        out.calicoVersion = value;
        break;
    }
    return undefined;
  });
  if (stop !== undefined) return stop;
  if (out.paths.length === 0) out.paths.push('.');
  const modes = [out.flows !== undefined, out.matrix, out.from !== undefined || out.to !== undefined].filter(Boolean).length;
  if (modes > 1) return '--flows, --matrix and --from/--to cannot be combined';
  if (out.flows !== undefined) {
    if (out.protocol !== undefined || out.port !== undefined) return '--protocol and --port do not apply to --flows (each flow names its own)';
    return out;
  }
  if (out.matrix) {
    if (out.protocol === undefined) return '--matrix needs --protocol (e.g. --protocol TCP --port 80)';
    return out;
  }
  if (out.from === undefined) return 'missing --from (or use --flows FILE or --matrix)';
  if (out.to === undefined) return 'missing --to';
  if (out.protocol === undefined) return 'missing --protocol (TCP, UDP, SCTP, ICMP, ...)';
  return out;
}

function portValue(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** Reads and checks a --flows file: a JSON array of flow objects. */
function parseFlows(text: string): FlowQuery[] | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `is not valid JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  if (!Array.isArray(value)) return 'must hold a JSON array of flows';
  const flows: FlowQuery[] = [];
  for (let i = 0; i < value.length; i++) {
    const f = value[i] as Record<string, unknown>;
    if (!f || typeof f !== 'object' || Array.isArray(f)) return `flow ${i} is not an object`;
    for (const key of ['from', 'to', 'protocol'] as const) {
      if (typeof f[key] !== 'string' || f[key] === '') return `flow ${i} needs "${key}" (a string)`;
    }
    const flow: FlowQuery = { from: f.from as string, to: f.to as string, protocol: f.protocol as string };
    if (f.port !== undefined && f.port !== null) {
      if (typeof f.port !== 'number' && typeof f.port !== 'string') return `flow ${i}: "port" must be a number or a port name`;
      flow.port = typeof f.port === 'string' ? portValue(f.port) : f.port;
    }
    if (f.expect !== undefined) {
      if (f.expect !== 'allow' && f.expect !== 'deny') return `flow ${i}: "expect" must be "allow" or "deny"`;
      flow.expect = f.expect;
    }
    if (f.icmp !== undefined) {
      const icmp = f.icmp as Record<string, unknown>;
      if (!icmp || typeof icmp !== 'object') return `flow ${i}: "icmp" must be an object {type, code}`;
      flow.icmp = {};
      if (typeof icmp.type === 'number') flow.icmp.type = icmp.type;
      if (typeof icmp.code === 'number') flow.icmp.code = icmp.code;
    }
    flows.push(flow);
  }
  return flows;
}

function displayPath(path: string): string {
  return relative(process.cwd(), path).split(sep).join('/') || path;
}

function flowTitle(r: { from: string; to: string; protocol: string; port?: number | string }): string {
  return `${r.from} -> ${r.to} ${r.protocol}${r.port !== undefined ? `/${r.port}` : ''}`;
}

function decisionText(r: FlowResult): string {
  const d = r.decidedBy;
  if (r.note) return r.note;
  if (d.reason === 'profile') return `no policy selects ${d.side === 'egress' ? r.from : r.to} for ${d.side}: the profile allows`;
  if (d.reason === 'end-of-tier') return `end of tier ${d.tier} (${d.side}): no rule matched`;
  return `${d.policy} ${d.side} rule ${d.ruleIndex} (tier ${d.tier})`;
}

/** One line per flow (the batch text format). */
function flowLine(r: FlowResult): string {
  let line = `${r.verdict.toUpperCase()} ${flowTitle(r)}: ${decisionText(r)}`;
  if (r.stagedVerdict !== r.verdict) line += `; with staged policies: ${r.stagedVerdict}`;
  if (r.uncertain) line += ' [uncertain]';
  if (r.mismatch) line += ` [expected ${r.mismatch.expected}]`;
  return line;
}

function sideLines(side: SideTrace): string[] {
  const out = [`  ${side.side} at ${side.endpoint}: ${side.verdict}${side.profile ? ' (profile; no policy selects it)' : ''}`];
  for (const tier of side.tiers) {
    out.push(`    tier ${tier.tier} (order ${tier.order ?? 'none'}, default ${tier.defaultAction}): ${tier.outcome}`);
    for (const p of tier.policies) {
      out.push(`      ${p.policy} (${p.kind}, order ${p.order ?? 'none'}): ${p.outcome}`);
      for (const rule of p.rules) {
        out.push(`        rule ${rule.ruleIndex} ${rule.action}: ${rule.matched ? 'matched' : `no (${rule.failed?.criterion}: ${rule.failed?.detail})`}`);
      }
    }
  }
  return out;
}

function flowText(r: FlowResult): string {
  const lines = [`${r.verdict.toUpperCase()} ${flowTitle(r)}`, `  decided by: ${decisionText(r)}`];
  if (r.trace.egress) lines.push(...sideLines(r.trace.egress));
  if (r.trace.ingress) lines.push(...sideLines(r.trace.ingress));
  lines.push(`  with staged policies: ${r.stagedVerdict}`);
  if (r.nearestMiss) lines.push(`  nearest miss: ${r.nearestMiss.message}`);
  if (r.uncertain) lines.push(`  uncertain: ${r.uncertain}`);
  for (const e of r.excluded ?? []) lines.push(`  excluded: ${e.policy} (${e.reason})`);
  return `${lines.join('\n')}\n`;
}

function matrixText(m: MatrixResult): string {
  const mark = (state: string) => (state === 'allowed' ? 'allow' : state === 'denied' ? 'deny' : state === 'uncertain' ? '?' : 'staged');
  const width = Math.max(4, ...m.rows.map((r) => r.id.length));
  const header = ['from \\ to'.padEnd(width), ...m.columns.map((c) => c.id)].join('  ');
  const lines = [`${m.protocol}${m.port !== undefined ? `/${m.port}` : ''}`, header];
  m.rows.forEach((row, i) => {
    lines.push([row.id.padEnd(width), ...m.cells[i].map((c, j) => mark(c.state).padEnd(m.columns[j].id.length))].join('  ').trimEnd());
  });
  for (const w of m.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

async function loadModel(args: SimulateArgs, io: CliIo, cluster: ClusterFlags): Promise<TrafficModel | undefined> {
  const clusterInput = cluster.cluster ? await loadClusterInput(cluster, io, 'simulate') : undefined;
  if (cluster.cluster && !clusterInput) return undefined;
  const inputs = await collectInputs(args.paths, io.readStdin);
  let failed = false;
  const files = [];
  for (const input of inputs) {
    if (input.error !== undefined || input.text === undefined) {
      io.stderr(`calico-policy simulate: cannot read ${input.path}: ${input.error ?? 'unknown error'}\n`);
      failed = true;
      continue;
    }
    files.push({ uri: input.path === '-' ? '<stdin>' : displayPath(input.path), file: parseFile(input.text), source: 'workspace' as const });
  }
  if (failed) return undefined;
  if (clusterInput) return buildTrafficModel({ files: [...clusterInput.files, ...files], missing: clusterInput.missing, calicoVersion: args.calicoVersion });
  return buildTrafficModel({ files, calicoVersion: args.calicoVersion });
}

function queryError(io: CliIo, err: unknown): number {
  if (err instanceof UnknownEndpointError) {
    io.stderr(`calico-policy simulate: unknown endpoint '${err.endpoint}'${err.suggestions.length ? `; did you mean ${err.suggestions.join(', ')}?` : ' (no workloads found)'}\n`);
    return ExitCode.usage;
  }
  if (err instanceof FlowQueryError) {
    io.stderr(`calico-policy simulate: ${err.message}\n`);
    return ExitCode.usage;
  }
  throw err;
}

export async function runSimulateCommand(argv: string[], io: CliIo): Promise<number> {
  const cluster = takeClusterFlags(argv);
  if (typeof cluster === 'string') {
    io.stderr(`calico-policy simulate: ${cluster}\n${usage}`);
    return ExitCode.usage;
  }
  const args = cluster.rest;
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    io.stdout(usage);
    return ExitCode.ok;
  }
  if (typeof parsed === 'string') {
    io.stderr(`calico-policy simulate: ${parsed}\n${usage}`);
    return ExitCode.usage;
  }
  let flows: FlowQuery[] | undefined;
  if (parsed.flows !== undefined) {
    let text: string;
    try {
      text = await readFile(parsed.flows, 'utf8');
    } catch (e) {
      io.stderr(`calico-policy simulate: cannot read ${parsed.flows}: ${(e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e)}\n`);
      return ExitCode.usage;
    }
    const read = parseFlows(text);
    if (typeof read === 'string') {
      io.stderr(`calico-policy simulate: ${parsed.flows} ${read}\n`);
      return ExitCode.usage;
    }
    flows = read;
  }
  // With --cluster the PATHs are only the changes to apply; none given means the cluster as it is.
  if (cluster.flags.cluster && !args.some((a, i) => !a.startsWith('--') && !isOptionValue(args, i))) parsed.paths = [];
  const model = await loadModel(parsed, io, cluster.flags);
  if (!model) return ExitCode.usage;
  if (parsed.matrix) {
    let matrix: MatrixResult;
    try {
      const port = parsed.port === undefined ? undefined : Number(parsed.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) throw new FlowQueryError(`--port for --matrix must be a number 1-65535, not '${parsed.port}'`);
      matrix = simulateMatrix(model, port === undefined ? { protocol: parsed.protocol! } : { protocol: parsed.protocol!, port });
    } catch (err) {
      return queryError(io, err);
    }
    io.stdout(parsed.format === 'json' ? `${JSON.stringify(matrix, null, 2)}\n` : matrixText(matrix));
    return ExitCode.ok;
  }
  const queries: FlowQuery[] = flows ?? [
    { from: parsed.from!, to: parsed.to!, protocol: parsed.protocol!, ...(parsed.port !== undefined ? { port: portValue(parsed.port) } : {}) },
  ];
  const results: FlowResult[] = [];
  for (const q of queries) {
    try {
      results.push(simulateFlow(model, q));
    } catch (err) {
      return queryError(io, err);
    }
  }
  if (parsed.format === 'json') io.stdout(`${JSON.stringify(flows ? results : results[0], null, 2)}\n`);
  else if (flows) io.stdout(results.map((r) => `${flowLine(r)}\n`).join(''));
  else io.stdout(flowText(results[0]));
  const mismatches = results.filter((r) => r.mismatch);
  for (const r of mismatches) io.stderr(`mismatch: ${flowTitle(r)}: expected ${r.mismatch!.expected}, got ${r.mismatch!.actual} (${decisionText(r)})\n`);
  if (mismatches.length) io.stderr(`${mismatches.length} of ${results.length} expectations failed\n`);
  return mismatches.length ? ExitCode.problems : ExitCode.ok;
}

/** Whether args[i] is the value of the option before it (`--from X`). */
function isOptionValue(args: string[], i: number): boolean {
  const prev = args[i - 1];
  return i > 0 && ['--from', '--to', '--protocol', '--port', '--flows', '--format', '--calico-version'].includes(prev);
}
