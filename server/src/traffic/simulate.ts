// Answers one flow question: resolves the endpoints, judges egress at the source and ingress at the
// destination (each only for cluster endpoints), with enforced policies and again with staged ones applied.
import type { DecidedBy, FlowQuery, FlowResult, NearestMiss, Verdict } from '../../../protocol/traffic';
import { cidrContains, parseCidr, parseIp, type IpAddress } from './ip';
import { protocolName, protocolNumber } from './protocols';
import { closestNames, FlowQueryError, UnknownEndpointError } from './errors';
import { evaluateSide, type MissCandidate, type PolicySet, type SideOutcome } from './evaluate';
import type { FlowContext, FlowPeer, Labels, TrafficModel, Workload } from './types';

interface Resolved {
  id: string;
  workload?: Workload;
  ip?: IpAddress;
}

function resolve(model: TrafficModel, text: string): Resolved {
  const t = String(text ?? '').trim();
  const w = model.workloads.get(t);
  if (w) return { id: t, workload: w };
  const ip = parseIp(t);
  if (ip) return { id: t, ip };
  const cidr = parseCidr(t);
  if (cidr && t.includes('/')) {
    // A CIDR stands for its first address (what the matrix's external columns use).
    return { id: t, ip: { version: cidr.version, value: cidr.network, text: t } };
  }
  throw new UnknownEndpointError(t, closestNames(t, model.workloads.keys()));
}

function flowIpVersion(a: Resolved, b: Resolved, protocol: number): 4 | 6 {
  if (a.ip) return a.ip.version;
  if (b.ip) return b.ip.version;
  if (protocol === 58) return 6;
  const has = (r: Resolved, v: 4 | 6) => r.workload!.ips.some((ip) => ip.version === v);
  const known = (r: Resolved) => r.workload!.ips.length > 0;
  if (known(a) && known(b) && !(has(a, 4) && has(b, 4)) && has(a, 6) && has(b, 6)) return 6;
  if (known(a) && !known(b) && !has(a, 4) && has(a, 6)) return 6;
  if (known(b) && !known(a) && !has(b, 4) && has(b, 6)) return 6;
  return 4;
}

function setsHolding(model: TrafficModel, ip: IpAddress | undefined, version: 4 | 6): Labels[] {
  const out: Labels[] = [];
  for (const set of model.networkSets) {
    if (ip ? set.nets.some((n) => cidrContains(n, ip)) : set.nets.some((n) => n.prefix === 0 && n.version === version)) out.push(set.selectorLabels);
  }
  return out;
}

function workloadsByIp(model: TrafficModel): Map<string, Workload[]> {
  let index = model.cache.get('ip-index') as Map<string, Workload[]> | undefined;
  if (!index) {
    index = new Map();
    for (const w of model.workloads.values()) {
      for (const ip of w.ips) {
        const key = `${ip.version}|${ip.value}`;
        const list = index.get(key);
        if (list) list.push(w);
        else index.set(key, [w]);
      }
    }
    model.cache.set('ip-index', index);
  }
  return index;
}

/** The peer a flow sees; the same for every flow of an endpoint and IP family, so it is built once. */
function peerOf(model: TrafficModel, r: Resolved, version: 4 | 6): FlowPeer {
  const key = `peer|${version}|${r.id}`;
  const hit = model.cache.get(key) as FlowPeer | undefined;
  if (hit) return hit;
  let peer: FlowPeer;
  if (r.workload) {
    const ip = r.workload.ips.find((a) => a.version === version);
    peer = { id: r.id, workload: r.workload, labelSets: [r.workload.selectorLabels, ...setsHolding(model, ip, version)] };
    if (ip) peer.ip = ip;
    else {
      const possible = model.networkSets.filter((s) => s.nets.some((n) => n.version === version && n.prefix > 0)).map((s) => s.selectorLabels);
      if (possible.length) peer.possibleSets = possible;
    }
  } else {
    const labelSets = [...(workloadsByIp(model).get(`${r.ip!.version}|${r.ip!.value}`) ?? []).map((w) => w.selectorLabels), ...setsHolding(model, r.ip, version)];
    peer = { id: r.id, ip: r.ip!, labelSets };
  }
  model.cache.set(key, peer);
  return peer;
}

function resolvePort(query: FlowQuery, dst: Resolved, protocol: number): number | undefined {
  const port = query.port;
  if (port === undefined || port === null || port === '') return undefined;
  if (typeof port === 'number' || /^\d+$/.test(String(port))) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new FlowQueryError(`port must be 1–65535, not ${port}`);
    return n;
  }
  const named = dst.workload?.namedPorts.get(String(port));
  if (!named) {
    const known = dst.workload ? [...dst.workload.namedPorts.keys()] : [];
    throw new FlowQueryError(`${dst.id} has no container port named '${port}'${known.length ? ` (it has ${known.join(', ')})` : ''}`);
  }
  if (protocolNumber(named.protocol) !== protocol) throw new FlowQueryError(`port '${port}' of ${dst.id} is ${named.protocol}, not ${protocolName(protocol)}`);
  return named.port;
}

/** The compiled question, shared by the two policy sets (and by every cell of a matrix row). */
export interface PreparedFlow {
  query: FlowQuery;
  src: Resolved;
  dst: Resolved;
  ctx: FlowContext;
}

export function prepareFlow(model: TrafficModel, query: FlowQuery): PreparedFlow {
  const protocol = protocolNumber(query.protocol);
  if (protocol === undefined) throw new FlowQueryError(`unknown protocol '${query.protocol}' (use TCP, UDP, SCTP, ICMP, ICMPv6, UDPLite or a number 1–255)`);
  const src = resolve(model, query.from);
  const dst = resolve(model, query.to);
  if (!src.workload && !dst.workload) throw new FlowQueryError(`neither ${src.id} nor ${dst.id} is a cluster workload, so no policy judges the flow`);
  const ipVersion = flowIpVersion(src, dst, protocol);
  const ctx: FlowContext = {
    src: peerOf(model, src, ipVersion),
    dst: peerOf(model, dst, ipVersion),
    protocol,
    protocolName: protocolName(protocol),
    ipVersion,
  };
  const port = resolvePort(query, dst, protocol);
  if (port !== undefined) ctx.port = port;
  if (query.icmp) ctx.icmp = query.icmp;
  return { query, src, dst, ctx };
}

interface Judgement {
  verdict: Verdict;
  decidedBy: DecidedBy;
  egress?: SideOutcome;
  ingress?: SideOutcome;
  decisive: SideOutcome;
}

function judge(model: TrafficModel, set: PolicySet, flow: PreparedFlow, lean: boolean): Judgement {
  const egress = flow.src.workload ? evaluateSide(model, set, 'egress', flow.src.workload, flow.ctx, lean) : undefined;
  // A packet dropped at the source never reaches the destination.
  if (egress && egress.verdict === 'deny') return { verdict: 'deny', decidedBy: egress.decidedBy, egress, decisive: egress };
  const ingress = flow.dst.workload ? evaluateSide(model, set, 'ingress', flow.dst.workload, flow.ctx, lean) : undefined;
  const last = (ingress ?? egress)!;
  const out: Judgement = { verdict: last.verdict, decidedBy: last.decidedBy, decisive: last };
  if (egress) out.egress = egress;
  if (ingress) out.ingress = ingress;
  return out;
}

function nearestMiss(miss: MissCandidate, side: 'egress' | 'ingress'): NearestMiss {
  const out: NearestMiss = {
    side,
    tier: miss.tier,
    policy: miss.policy.name,
    ruleIndex: miss.rule.index,
    criterion: miss.criterion,
    message: `\`${miss.policy.shortName}\` ${side} rule ${miss.rule.index} would allow this flow but only for ${miss.requirement}`,
  };
  if (miss.rule.location) out.location = miss.rule.location;
  return out;
}

function missingDataSentence(model: TrafficModel, flow: PreparedFlow): string | undefined {
  const namespaces = new Set([flow.src.workload?.namespace, flow.dst.workload?.namespace].filter((n): n is string => !!n));
  const relevant = model.missing.filter((m) => m.namespace === undefined || namespaces.has(m.namespace));
  if (relevant.length === 0) return undefined;
  return relevant.map((m) => `${m.kind}${m.namespace ? ` in ${m.namespace}` : ''} could not be read (${m.reason})`).join('; ');
}

function uniqueSentence(parts: string[]): string | undefined {
  const unique = [...new Set(parts)];
  return unique.length ? `The verdict depends on facts the simulator does not have: ${unique.join('; ')}.` : undefined;
}

/** Runs a prepared flow; `lean` (the matrix) skips the trace and the nearest miss. */
export function runFlow(model: TrafficModel, flow: PreparedFlow, lean = false): FlowResult {
  const { query } = flow;
  const base: Pick<FlowResult, 'from' | 'to' | 'protocol'> & { port?: number | string } = { from: flow.src.id, to: flow.dst.id, protocol: flow.ctx.protocolName };
  if (query.port !== undefined) base.port = query.port;
  let result: FlowResult;
  if (flow.src.workload && flow.src.workload === flow.dst.workload && flow.src.workload.singlePod) {
    // A pod talking to itself uses its loopback; the packet never reaches Calico's interface.
    result = {
      ...base,
      verdict: 'allow',
      decidedBy: { side: 'ingress', tier: null, policy: null, ruleIndex: null, reason: 'profile' },
      trace: {},
      stagedVerdict: 'allow',
      note: 'a pod connecting to itself stays inside the pod, so no policy applies',
    };
  } else {
    const enforced = judge(model, 'enforced', flow, lean);
    const staged = model.staged.length > 0 ? judge(model, 'staged', flow, lean) : enforced;
    result = { ...base, verdict: enforced.verdict, decidedBy: enforced.decidedBy, trace: {}, stagedVerdict: staged.verdict };
    if (enforced.egress && !lean) result.trace.egress = enforced.egress.trace;
    if (enforced.ingress && !lean) result.trace.ingress = enforced.ingress.trace;
    if (model.staged.length > 0) result.stagedDecidedBy = staged.decidedBy;
    const reasons = [...(enforced.egress?.uncertain ?? []), ...(enforced.ingress?.uncertain ?? [])];
    const missing = missingDataSentence(model, flow);
    if (missing) reasons.push(missing);
    const uncertain = uniqueSentence(reasons);
    if (uncertain) result.uncertain = uncertain;
    if (enforced.verdict === 'deny' && enforced.decisive.misses.length > 0) result.nearestMiss = nearestMiss(enforced.decisive.misses[0], enforced.decidedBy.side);
  }
  const namespaces = new Set([flow.src.workload?.namespace, flow.dst.workload?.namespace]);
  const excluded = model.excluded.filter((e) => e.namespace === undefined || namespaces.has(e.namespace)).map((e) => ({ policy: e.policy, reason: e.reason }));
  if (excluded.length) result.excluded = excluded;
  if (query.expect !== undefined && query.expect !== result.verdict) result.mismatch = { expected: query.expect, actual: result.verdict };
  return result;
}

export function simulateFlow(model: TrafficModel, query: FlowQuery): FlowResult {
  return runFlow(model, prepareFlow(model, query));
}

/** A flow's verdict, decision and uncertainty without the trace (for matrices). */
export function simulateFlowLean(model: TrafficModel, query: FlowQuery): FlowResult {
  return runFlow(model, prepareFlow(model, query), true);
}
