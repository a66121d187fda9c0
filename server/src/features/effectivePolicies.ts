// Effective policies of a workload manifest (Pod, Deployment, …): which enforced policies — the cluster's, with
// open workspace files replacing same-named ones — select its pods, by tier in evaluation order, for a hover and a lens.
import type { CodeLens, Hover } from 'vscode-languageserver';
import { documentAt, type ParsedFile } from '../document';
import { buildTrafficModel, type MissingData, type TrafficModel, type TrafficSourceFile } from '../traffic';
import { missingSentence } from '../cluster';

export interface ClusterPart {
  /** Policy kinds, tiers and sets (compiled once per snapshot). */
  policies: TrafficSourceFile[];
  /** Namespaces and service accounts, for namespace and service-account selectors. */
  context: TrafficSourceFile[];
  missing: MissingData[];
  contextName: string;
  fetchedAt: string;
}

export interface EffectiveInput {
  uri: string;
  file: ParsedFile;
  cluster?: ClusterPart;
  /** Open workspace files with policies (they replace the cluster's resource of the same kind/namespace/name). */
  workspace: TrafficSourceFile[];
}

export interface SelectingPolicy {
  name: string;
  kind: string;
  tier: string;
  order?: number;
  directions: string[];
  source: 'workspace' | 'cluster';
  uri?: string;
  line?: number;
}

export interface WorkloadPolicies {
  workload: string;
  /** File offset of the workload's document. */
  start: number;
  policies: SelectingPolicy[];
  tierOrder: string[];
  /** Sentences naming unreadable data in the workload's namespace or cluster-wide. */
  unknown: string[];
  uncertain: string[];
}

const clusterModels = new WeakMap<TrafficSourceFile[], TrafficModel>();

function clusterModel(cluster: ClusterPart): TrafficModel {
  let model = clusterModels.get(cluster.policies);
  if (!model) {
    model = buildTrafficModel({ files: [...cluster.policies, ...cluster.context] });
    clusterModels.set(cluster.policies, model);
  }
  return model;
}

export function effectivePolicies(input: EffectiveInput): WorkloadPolicies[] {
  const own: TrafficSourceFile = { uri: input.uri, file: input.file, source: 'workspace' };
  const others = input.workspace.filter((f) => f.uri !== input.uri);
  const local = buildTrafficModel({ files: [...(input.cluster?.context ?? []), ...others, own] });
  const workloads = [...local.workloads.values()].filter((w) => w.location?.uri === input.uri);
  if (workloads.length === 0) return [];
  const big = input.cluster ? clusterModel(input.cluster) : undefined;
  const replaced = new Set(local.enforced.map((p) => p.key));
  const enforced = [...(big?.enforced.filter((p) => !replaced.has(p.key)) ?? []), ...local.enforced];
  const tierOrder = big ? mergeOrder(big.tierOrder, local.tierOrder) : local.tierOrder;
  return workloads.map((w) => {
    const uncertain: string[] = [];
    const policies: SelectingPolicy[] = [];
    for (const p of enforced) {
      const r = p.selects(w);
      if (!r.ok) continue;
      if (r.uncertain) uncertain.push(r.uncertain);
      const item: SelectingPolicy = { name: p.name, kind: p.kind, tier: p.tier, directions: p.types, source: p.source };
      if (p.order !== undefined) item.order = p.order;
      if (p.location) {
        item.uri = p.location.uri;
        item.line = p.location.line;
      }
      policies.push(item);
    }
    const rank = new Map(tierOrder.map((t, i) => [t, i]));
    policies.sort((a, b) => (rank.get(a.tier) ?? 1e9) - (rank.get(b.tier) ?? 1e9) || (a.order ?? Infinity) - (b.order ?? Infinity) || (a.name < b.name ? -1 : 1));
    const unknown = (input.cluster?.missing ?? []).filter((m) => !m.namespace || m.namespace === w.namespace).map(missingSentence);
    const start = w.location ? input.file.lines.offsetAt({ line: w.location.line, character: 0 }) : 0;
    return { workload: w.id, start: documentAt(input.file, start)?.start ?? start, policies, tierOrder, unknown, uncertain: [...new Set(uncertain)] };
  });
}

function mergeOrder(a: string[], b: string[]): string[] {
  return [...a, ...b.filter((t) => !a.includes(t))];
}

/** "selected by 5 policies — tier security: a, b; tier default: c" (+ what could not be read). */
export function effectiveTitle(w: WorkloadPolicies): string {
  const n = w.policies.length;
  if (n === 0) return w.unknown.length ? `no readable policy selects ${w.workload} (some cluster policies could not be read)` : `no policy selects ${w.workload}: all traffic allowed`;
  const byTier = new Map<string, string[]>();
  for (const p of w.policies) byTier.set(p.tier, [...(byTier.get(p.tier) ?? []), shortName(p.name)]);
  const tiers = [...byTier].map(([tier, names]) => `tier ${tier}: ${names.join(', ')}`).join('; ');
  return `selected by ${n} ${n === 1 ? 'policy' : 'policies'} — ${tiers}${w.unknown.length ? ' (+ unreadable cluster policies)' : ''}`;
}

function shortName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

export function effectiveLenses(results: WorkloadPolicies[], file: ParsedFile): CodeLens[] {
  return results.map((w) => {
    const position = file.lines.positionAt(w.start);
    const first = w.policies.find((p) => p.uri);
    return {
      range: { start: position, end: position },
      command: first?.uri
        ? { title: effectiveTitle(w), command: 'calico.clusterPolicies.open', arguments: [first.uri] }
        : { title: effectiveTitle(w), command: '' },
    };
  });
}

export function effectiveHover(w: WorkloadPolicies, cluster?: ClusterPart): Hover {
  const lines = [`**${w.workload}** — ${effectiveTitle(w)}`, ''];
  let tier = '';
  for (const p of w.policies) {
    if (p.tier !== tier) {
      tier = p.tier;
      lines.push(`*tier ${tier}*`, '');
    }
    const link = p.uri ? `[${p.name}](${p.uri}${p.uri.startsWith('file:') && p.line !== undefined ? `#L${p.line + 1}` : ''})` : `\`${p.name}\``;
    lines.push(`- ${link} — ${p.kind}${p.order !== undefined ? `, order ${p.order}` : ''}, ${p.directions.join(' + ').toLowerCase()}${p.source === 'cluster' ? ' (cluster)' : ''}`);
  }
  for (const u of w.unknown) lines.push('', `⚠ ${u}`);
  for (const u of w.uncertain) lines.push('', `⚠ ${u}`);
  if (cluster) lines.push('', `_cluster ${cluster.contextName}, read ${cluster.fetchedAt}_`);
  else lines.push('', '_workspace policies only (the cluster has not been read)_');
  return { contents: { kind: 'markdown', value: lines.join('\n') } };
}
