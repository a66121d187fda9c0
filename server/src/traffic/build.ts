// Builds the traffic model from parsed files: endpoints with Calico's labels, tiers, policies compiled from the
// shared policy model, and the policies Calico would reject (validation errors) set aside.
import { resourcesOf, type ParsedFile } from '../document';
import { isExplainable, policyFacts, tiersInFile } from '../model';
import { validateFile } from '../validation';
import { builtinTiers } from '../schema/builtinTiers';
import type { PolicySource } from '../../../protocol/traffic';
import { labelsOf, locationOf, objectsOf, podShape, setNets, tierSpec, WORKLOAD_KINDS, type RawObject } from './inventory';
import { compilePolicy, comparePolicies } from './policies';
import type { CompiledPolicy, Labels, NamespaceInfo, NetworkSetInfo, TierInfo, TrafficInput, TrafficModel, Workload } from './types';

const NS_NAME_LABEL = 'kubernetes.io/metadata.name';
const CALICO_SETS = new Set(['projectcalico.org/v3', 'crd.projectcalico.org/v1']);

interface Gathered {
  obj: RawObject;
  uri: string;
  file: ParsedFile;
  source: PolicySource;
}

function identity(g: Gathered): string {
  return `${g.obj.kind}|${g.obj.namespace ?? ''}|${g.obj.name}`;
}

/** Workspace objects replace cluster objects of the same kind, namespace and name. */
function gather(input: TrafficInput): Gathered[] {
  const all: Gathered[] = [];
  for (const f of input.files) {
    const source = f.source ?? 'workspace';
    for (const obj of objectsOf(f.file)) all.push({ obj, uri: f.uri, file: f.file, source });
  }
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

function firstErrors(file: ParsedFile, calicoVersion: string): { start: number; message: string; code: string }[] {
  return validateFile(file, { calicoVersion })
    .filter((d) => d.severity === 'error')
    .map((d) => ({ start: d.start, message: d.message, code: d.code }));
}

export function buildTrafficModel(input: TrafficInput): TrafficModel {
  const gathered = gather(input);
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
    } else if (obj.kind === 'Tier' && CALICO_SETS.has(obj.apiVersion) && obj.name) {
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
      const selectorLabels: Record<string, string> = { ...shape.labels };
      for (const [k, v] of Object.entries(ns.labels)) selectorLabels[`pcns.${k}`] = v;
      selectorLabels['pcns.projectcalico.org/name'] = namespace;
      for (const [k, v] of Object.entries(saLabels ?? {})) selectorLabels[`pcsa.${k}`] = v;
      selectorLabels['pcsa.projectcalico.org/name'] = shape.serviceAccount;
      selectorLabels['projectcalico.org/namespace'] = namespace;
      selectorLabels['projectcalico.org/orchestrator'] = 'k8s';
      selectorLabels['projectcalico.org/serviceaccount'] = shape.serviceAccount;
      workloads.set(id, {
        id,
        kind: obj.kind,
        namespace,
        name: obj.name,
        labels: shape.labels,
        selectorLabels,
        serviceAccount: shape.serviceAccount,
        serviceAccountKnown: saLabels !== undefined,
        namespaceImplicit: ns.implicit,
        namedPorts: shape.namedPorts,
        ips: shape.ips,
        singlePod: shape.singlePod,
        source: g.source,
        location: locationOf(g.uri, g.file, obj.offset),
      });
    } else if ((obj.kind === 'NetworkSet' || obj.kind === 'GlobalNetworkSet') && CALICO_SETS.has(obj.apiVersion) && obj.name) {
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
  const calicoVersion = input.calicoVersion ?? 'latest';
  for (const f of input.files) {
    const source = f.source ?? 'workspace';
    let errors: ReturnType<typeof firstErrors> | undefined;
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
        errors ??= firstErrors(f.file, calicoVersion);
        const error = errors.find((e) => e.start >= start && e.start < end);
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
