// Builds the traffic model from parsed files: endpoints with Calico's labels, tiers, policies compiled from the
// shared policy model, and the policies Calico would reject (validation errors) set aside.
import { resourcesOf, type ParsedFile } from '../document';
import { adminPolicyFacts, isAdminPolicyKind, isExplainable, policyFacts, tiersInFile } from '../model';
import { validateFile } from '../validation';
import { builtinTiers } from '../schema/builtinTiers';
import type { PolicySource, SourceLocation } from '../../../protocol/traffic';
import { labelsOf, locationOf, objectsOf, podShape, setNets, tierSpec, WORKLOAD_KINDS, type PodShape, type RawObject } from './inventory';
import { compilePolicy, comparePolicies } from './policies';
import type { CompiledPolicy, Labels, NamespaceInfo, NetworkSetInfo, TierInfo, TrafficInput, TrafficModel, Workload } from './types';

const NS_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A workload endpoint; the labels Calico's selectors see are assembled on first use (most pods are never asked about). */
class WorkloadEndpoint implements Workload {
  private built?: Labels;
  readonly labels: Labels;
  readonly serviceAccount: string;
  readonly serviceAccountKnown: boolean;
  readonly namespaceImplicit: boolean;
  readonly namedPorts: Workload['namedPorts'];
  readonly ips: Workload['ips'];
  readonly singlePod: boolean;

  constructor(
    readonly id: string,
    readonly kind: string,
    readonly namespace: string,
    readonly name: string,
    shape: PodShape,
    private readonly ns: NamespaceInfo,
    private readonly accountLabels: Labels | undefined,
    readonly source: PolicySource,
    readonly location: SourceLocation,
  ) {
    this.labels = shape.labels;
    this.serviceAccount = shape.serviceAccount;
    this.serviceAccountKnown = accountLabels !== undefined;
    this.namespaceImplicit = ns.implicit;
    this.namedPorts = shape.namedPorts;
    this.ips = shape.ips;
    this.singlePod = shape.singlePod;
  }

  get selectorLabels(): Labels {
    if (this.built) return this.built;
    // Own labels, the namespace profile (pcns.*), the service-account profile (pcsa.*) and Calico's own keys (§6.4).
    const out: Record<string, string> = { ...this.labels };
    for (const k in this.ns.labels) out[`pcns.${k}`] = this.ns.labels[k];
    out['pcns.projectcalico.org/name'] = this.namespace;
    if (this.accountLabels) for (const k in this.accountLabels) out[`pcsa.${k}`] = this.accountLabels[k];
    out['pcsa.projectcalico.org/name'] = this.serviceAccount;
    out['projectcalico.org/namespace'] = this.namespace;
    out['projectcalico.org/orchestrator'] = 'k8s';
    out['projectcalico.org/serviceaccount'] = this.serviceAccount;
    return (this.built = out);
  }
}
const CALICO_SETS = new Set(['projectcalico.org/v3', 'crd.projectcalico.org/v1']);

interface Gathered {
  obj: RawObject;
  uri: string;
  file: ParsedFile;
  source: PolicySource;
}

/** Calico's two API groups name the same resources; a Kubernetes NetworkPolicy is another resource of the same kind name. */
function identity(g: Gathered): string {
  const group = CALICO_SETS.has(g.obj.apiVersion) ? 'projectcalico.org' : g.obj.apiVersion.split('/')[0];
  return `${group}|${g.obj.kind}|${g.obj.namespace ?? ''}|${g.obj.name}`;
}

/** Workspace objects replace cluster objects of the same API group, kind, namespace and name. */
function gather(input: TrafficInput): Gathered[] {
  const all: Gathered[] = [];
  for (const f of input.files) {
    const source = f.source ?? 'workspace';
    for (const obj of objectsOf(f.file)) all.push({ obj, uri: f.uri, file: f.file, source });
  }
  if (!all.some((g) => g.source === 'cluster')) return all;
  const workspace = new Set(all.filter((g) => g.source === 'workspace').map(identity));
  return all.filter((g) => g.source === 'workspace' || !workspace.has(identity(g)));
}

function sortTiers(tiers: Map<string, TierInfo>): string[] {
  return [...tiers.values()]
    .sort((a, b) => {
      const oa = a.order ?? Number.POSITIVE_INFINITY;
      const ob = b.order ?? Number.POSITIVE_INFINITY;
      if (oa !== ob) return oa < ob ? -1 : 1;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    })
    .map((t) => t.name);
}

/** A plain y/n/yes/no/on/off: a boolean only to YAML 1.1 readers such as kubectl; YAML 1.2 tools send the string. */
const YAML11_BOOLEAN = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * Errors that make Calico reject a policy. An unquoted YAML 1.1 boolean is left out: whether the API sees a string
 * depends on the tool that applies the file, and the simulator reads it as written (the linter still reports it).
 */
function firstErrors(file: ParsedFile, calicoVersion: string): { start: number; message: string; code: string }[] {
  return validateFile(file, { calicoVersion })
    .filter((d) => d.severity === 'error' && !YAML11_BOOLEAN.test(file.text.slice(d.start, d.end)))
    .map((d) => ({ start: d.start, message: d.message, code: d.code }));
}

/** Calico enforces AdminNetworkPolicy from 3.29 and BaselineAdminNetworkPolicy from 3.30. */
function adminPolicyUnsupported(kind: string, calicoVersion: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(calicoVersion);
  if (!m) return undefined;
  const minor = Number(m[1]) * 1000 + Number(m[2]);
  const needs = kind === 'AdminNetworkPolicy' ? 3029 : 3030;
  return minor < needs ? `${kind} is enforced from Calico 3.${needs - 3000}; the target is ${calicoVersion}` : undefined;
}

export function buildTrafficModel(input: TrafficInput): TrafficModel {
  const gathered = gather(input);
  const calicoVersion = input.calicoVersion ?? 'latest';
  const errorsByFile = new Map<ParsedFile, ReturnType<typeof firstErrors>>();
  const errorsOf = (file: ParsedFile) => {
    let errors = errorsByFile.get(file);
    if (!errors) errorsByFile.set(file, (errors = firstErrors(file, calicoVersion)));
    return errors;
  };
  /** Calico rejects a resource with validation errors: sets and tiers with errors do not exist for it. */
  const rejected = (g: Gathered) => {
    const start = g.obj.node.range?.[0] ?? g.obj.doc.start;
    const end = g.obj.node.range?.[1] ?? g.obj.doc.end;
    return errorsOf(g.file).some((e) => e.start >= start && e.start < end);
  };
  const sources = new Set(input.files.map((f) => f.source ?? 'workspace'));
  const namespaces = new Map<string, NamespaceInfo>();
  const accounts = new Map<string, Labels>();
  const tiers = new Map<string, TierInfo>();
  for (const [name, t] of Object.entries(builtinTiers)) tiers.set(name, { name, order: t.order, defaultAction: t.defaultAction });

  for (const g of gathered) {
    const { obj } = g;
    if (obj.kind === 'Namespace' && obj.name) {
      namespaces.set(obj.name, { name: obj.name, labels: { ...labelsOf(obj.value.metadata), [NS_NAME_LABEL]: obj.name }, implicit: false });
    } else if (obj.kind === 'ServiceAccount' && obj.name) {
      accounts.set(`${obj.namespace ?? 'default'}/${obj.name}`, labelsOf(obj.value.metadata));
    } else if (obj.kind === 'Tier' && CALICO_SETS.has(obj.apiVersion) && obj.name && !rejected(g)) {
      tiers.set(obj.name, { name: obj.name, ...tierSpec(obj) });
    }
  }
  const namespaceOf = (ns: string): NamespaceInfo => {
    let info = namespaces.get(ns);
    if (!info) namespaces.set(ns, (info = { name: ns, labels: { [NS_NAME_LABEL]: ns }, implicit: true }));
    return info;
  };

  const workloads = new Map<string, Workload>();
  const networkSets: NetworkSetInfo[] = [];
  for (const g of gathered) {
    const { obj } = g;
    if (WORKLOAD_KINDS.has(obj.kind) && obj.name && !CALICO_SETS.has(obj.apiVersion)) {
      const shape = podShape(obj);
      if (!shape) continue;
      const namespace = obj.namespace ?? 'default';
      let id = `${namespace}/${obj.name}`;
      if (workloads.has(id)) id = `${id}#${obj.kind}`;
      const ns = namespaceOf(namespace);
      const saLabels = accounts.get(`${namespace}/${shape.serviceAccount}`);
      workloads.set(
        id,
        new WorkloadEndpoint(id, obj.kind, namespace, obj.name, shape, ns, saLabels, g.source, locationOf(g.uri, g.file, obj.offset)),
      );
    } else if ((obj.kind === 'NetworkSet' || obj.kind === 'GlobalNetworkSet') && CALICO_SETS.has(obj.apiVersion) && obj.name && !rejected(g)) {
      const global = obj.kind === 'GlobalNetworkSet';
      const labels = labelsOf(obj.value.metadata);
      const selectorLabels: Record<string, string> = { ...labels };
      const namespace = global ? undefined : obj.namespace ?? 'default';
      if (namespace !== undefined) {
        // Namespaced sets carry their namespace and inherit the namespace profile's labels.
        for (const [k, v] of Object.entries(namespaceOf(namespace).labels)) selectorLabels[`pcns.${k}`] = v;
        selectorLabels['pcns.projectcalico.org/name'] = namespace;
        selectorLabels['projectcalico.org/namespace'] = namespace;
      }
      const set: NetworkSetInfo = {
        id: namespace ? `${namespace}/${obj.name}` : obj.name,
        kind: global ? 'global-network-set' : 'network-set',
        name: obj.name,
        labels,
        selectorLabels,
        nets: setNets(obj),
        location: locationOf(g.uri, g.file, obj.offset),
      };
      if (namespace) set.namespace = namespace;
      networkSets.push(set);
    }
  }

  const enforced: CompiledPolicy[] = [];
  const staged: CompiledPolicy[] = [];
  const excluded: TrafficModel['excluded'] = [];
  const ruleNets = new Set<string>();
  const namespaceLabels = (ns: string) => namespaceOf(ns).labels;
  const wanted = new Set(gathered.map((g) => g.obj.node));
  for (const f of input.files) {
    const source = f.source ?? 'workspace';
    const fileTiers = tiersInFile(f.file);
    for (const doc of f.file.documents) {
      for (const { resource, node } of resourcesOf(doc)) {
        if (!isExplainable(resource) || !wanted.has(node)) continue;
        const facts = policyFacts(doc, resource, node, fileTiers);
        const start = node.range?.[0] ?? doc.start;
        const end = node.range?.[1] ?? doc.end;
        const policy = compilePolicy(facts, {
          source,
          location: locationOf(f.uri, f.file, start),
          locate: (offset) => locationOf(f.uri, f.file, offset),
          namespaceLabels,
        });
        const error = errorsOf(f.file).find((e) => e.start >= start && e.start < end);
        const tier = tiers.get(policy.tier);
        let reason: string | undefined;
        if (error) reason = `${error.code}: ${error.message}`;
        else if (!tier) reason = `tier ${policy.tier} does not exist`;
        if (reason) {
          const entry: TrafficModel['excluded'][number] = { policy: policy.name, reason };
          if (policy.namespace) entry.namespace = policy.namespace;
          excluded.push(entry);
          continue;
        }
        (policy.staged ? staged : enforced).push(policy);
        for (const rule of [...facts.ingress, ...facts.egress]) {
          for (const n of [...(rule.source.nets ?? []), ...(rule.destination.nets ?? [])]) ruleNets.add(n);
          for (const p of rule.kubernetes?.peers ?? []) if (p.ipBlock) ruleNets.add(p.ipBlock.cidr);
        }
      }
    }
  }
  for (const g of gathered) {
    const { obj } = g;
    if (!isAdminPolicyKind(obj.kind, obj.apiVersion)) continue;
    const { facts } = adminPolicyFacts(obj.value, obj.kind);
    const policy = compilePolicy(facts, {
      source: g.source,
      location: locationOf(g.uri, g.file, obj.offset),
      locate: (offset) => locationOf(g.uri, g.file, offset),
      namespaceLabels,
    });
    const unsupported = adminPolicyUnsupported(obj.kind, calicoVersion);
    if (unsupported) excluded.push({ policy: policy.name, reason: unsupported });
    else enforced.push(policy);
    for (const rule of [...facts.ingress, ...facts.egress]) for (const n of rule.destination.nets ?? []) ruleNets.add(n);
  }
  enforced.sort(comparePolicies);
  staged.sort(comparePolicies);
  return {
    workloads,
    networkSets,
    namespaces,
    tiers,
    tierOrder: sortTiers(tiers),
    enforced,
    staged,
    excluded,
    missing: input.missing ?? [],
    ruleNets: [...ruleNets],
    mixedSources: sources.size > 1,
    cache: new Map(),
  };
}
