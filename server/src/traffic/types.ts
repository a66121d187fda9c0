// The simulator's compiled view of a workspace (and cluster data): endpoints with the labels Calico's
// selectors see, tiers, and policies whose rules are lists of compiled criteria.
import type { ParsedFile } from '../document';
import type { Direction, PolicyFacts } from '../model';
import type { PolicySource, SourceLocation } from '../../../protocol/traffic';
import type { Cidr, IpAddress } from './ip';

export type Labels = Readonly<Record<string, string>>;

export interface TrafficSourceFile {
  uri: string;
  file: ParsedFile;
  source?: 'workspace' | 'cluster';
}

/** Data that could not be read (e.g. a cluster kind or namespace), so answers that depend on it are uncertain. */
export interface MissingData {
  kind: string;
  namespace?: string;
  reason: string;
}

export interface TrafficInput {
  files: TrafficSourceFile[];
  missing?: MissingData[];
  calicoVersion?: string;
}

export interface NamespaceInfo {
  name: string;
  /** Labels incl. `kubernetes.io/metadata.name`. */
  labels: Labels;
  /** No Namespace manifest: only the name label is known. */
  implicit: boolean;
}

export interface Workload {
  id: string;
  kind: string;
  namespace: string;
  name: string;
  /** Labels as written on the pod (template). */
  labels: Labels;
  /** Labels as Calico's selectors see them (own + projectcalico.org/*, pcns.*, pcsa.*). */
  selectorLabels: Labels;
  serviceAccount: string;
  /** The service account has a manifest (its labels are known). */
  serviceAccountKnown: boolean;
  namespaceImplicit: boolean;
  namedPorts: Map<string, { port: number; protocol: string }>;
  ips: IpAddress[];
  /** A single pod: traffic to itself stays inside the pod. */
  singlePod: boolean;
  source: PolicySource;
  location?: SourceLocation;
}

export interface NetworkSetInfo {
  id: string;
  kind: 'network-set' | 'global-network-set';
  namespace?: string;
  name: string;
  labels: Labels;
  selectorLabels: Labels;
  nets: Cidr[];
  location?: SourceLocation;
}

export interface TierInfo {
  name: string;
  order?: number;
  defaultAction: 'Deny' | 'Pass';
}

/** What one flow looks like to a rule. */
export interface FlowPeer {
  id: string;
  workload?: Workload;
  /** The address this flow uses (the workload's of the flow's family, or the literal one). */
  ip?: IpAddress;
  /** Label sets a rule selector may match: the workload's own, then network sets holding the address. */
  labelSets: Labels[];
  /** Network sets that may hold the workload's address when it is not known (so their labels may apply). */
  possibleSets?: Labels[];
}

export interface FlowContext {
  src: FlowPeer;
  dst: FlowPeer;
  protocol: number;
  protocolName: string;
  port?: number;
  ipVersion: 4 | 6;
  icmp?: { type?: number; code?: number };
}

/** A criterion's verdict: `ok` is the assumed answer when `uncertain` says what it depends on. */
export interface CriterionResult {
  ok: boolean;
  uncertain?: string;
}

export interface Criterion {
  /** e.g. `protocol`, `destination.ports`, `from`. */
  name: string;
  /** What the rule requires, for messages ("port 80", "protocol TCP"). */
  requirement: string;
  test(ctx: FlowContext): CriterionResult;
}

export interface CompiledRule {
  index: number;
  action: string;
  criteria: Criterion[];
  location?: SourceLocation;
}

export interface CompiledPolicy {
  /** As Calico names it: `ns/name`, GNP `name`, Kubernetes `ns/knp.default.name`. */
  name: string;
  /** Short name for sentences (metadata name as written). */
  shortName: string;
  /** Identity a staged policy replaces: family, namespace, name without tier prefix. */
  key: string;
  kind: string;
  namespace?: string;
  tier: string;
  order?: number;
  types: Direction[];
  ingress: CompiledRule[];
  egress: CompiledRule[];
  staged?: { action: string };
  selects(w: Workload): CriterionResult;
  source: PolicySource;
  location?: SourceLocation;
  facts: PolicyFacts;
}

export interface ExcludedPolicy {
  policy: string;
  namespace?: string;
  reason: string;
}

export interface TrafficModel {
  workloads: Map<string, Workload>;
  networkSets: NetworkSetInfo[];
  namespaces: Map<string, NamespaceInfo>;
  tiers: Map<string, TierInfo>;
  /** Tier names by order (omitted last, ties by name). */
  tierOrder: string[];
  enforced: CompiledPolicy[];
  staged: CompiledPolicy[];
  excluded: ExcludedPolicy[];
  missing: MissingData[];
  /** CIDRs written in rules (`nets`, `ipBlock.cidr`), for the matrix's external columns. */
  ruleNets: string[];
  /** Both workspace and cluster data are present. */
  mixedSources: boolean;
  /** Per-endpoint applicable policies, filled on first use. */
  cache: Map<string, unknown>;
}
