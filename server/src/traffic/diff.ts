// What applying a file changes: every pair of known workloads on every protocol/port the policies name, judged
// before and after, keeping the flows whose verdict differs with the deciding rule on each side.
import { isMap } from 'yaml';
import { parseFile, type ParsedFile } from '../document';
import type { DiffTrafficResult, FlowChange, FlowChangeSide, FlowResult } from '../../../protocol/traffic';
import { policyPorts } from './endpoints';
import { simulateFlow } from './simulate';
import type { TrafficModel } from './types';

const PORTED = new Set(['TCP', 'UDP', 'SCTP', 'UDPLite']);

/** Documents that only describe endpoints: in both the before and the after picture. */
const ENDPOINT_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Namespace', 'ServiceAccount']);

/** The diff itself; the caller adds warnings and cluster details. `capped`: distinct workloads before the limit. */
export type TrafficDiff = Omit<DiffTrafficResult, 'warnings' | 'cluster'> & { capped?: number };

/** The file with only its endpoint documents (workloads, namespaces, service accounts). */
export function endpointPart(file: ParsedFile): ParsedFile | undefined {
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

function side(r: FlowResult): FlowChangeSide {
  const s: FlowChangeSide = { verdict: r.verdict, decidedBy: r.decidedBy, decision: decision(r) };
  if (r.uncertain) s.uncertain = r.uncertain;
  return s;
}

export function diffTraffic(before: TrafficModel, after: TrafficModel, maxEndpoints: number): TrafficDiff {
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
