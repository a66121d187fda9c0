// The traffic simulator's wire shapes: the CLI's `--format json`, the `calico/simulate` LSP request and the
// reachability view all speak these. Field names are a public contract; add fields, never rename them.

export type Verdict = 'allow' | 'deny';
/** Which side of a flow judged it: egress at the source endpoint, ingress at the destination endpoint. */
export type FlowSide = 'egress' | 'ingress';

/** One question: may `from` open a connection to `to` on this protocol/port? */
export interface FlowQuery {
  /** `NAMESPACE/NAME` of a workload (Pod or the workload owning a pod template), or a literal IP address. */
  from: string;
  to: string;
  /** TCP, UDP, SCTP, ICMP, ICMPv6, UDPLite or a protocol number; case-insensitive on input. */
  protocol: string;
  /** Destination port number, or a named port resolved against the destination's container ports. */
  port?: number | string;
  /** When set, the flow is an assertion: a different verdict is reported as a mismatch (CLI exit 1). */
  expect?: Verdict;
  /** ICMP type/code of the flow, for rules with `icmp`/`notICMP` (without it such rules make the verdict uncertain). */
  icmp?: { type?: number; code?: number };
}

export interface DecidedBy {
  side: FlowSide;
  /** null when the profile decided. */
  tier: string | null;
  /** As Calico names it: `ns/name`, a GlobalNetworkPolicy by its name, a Kubernetes one `ns/knp.default.name`. null at end-of-tier and profile. */
  policy: string | null;
  /** 0-based within the policy's ingress/egress list; null at end-of-tier and profile. */
  ruleIndex: number | null;
  reason: 'rule' | 'end-of-tier' | 'profile';
  /** Where the deciding policy came from, when more than one source is in play. */
  source?: PolicySource;
}

export type PolicySource = 'workspace' | 'cluster';

/** Where a policy or rule is written, so every trace entry can link to its line. */
export interface SourceLocation {
  /** File URI (workspace) or a `calico-cluster:` URI (cluster object). */
  uri: string;
  /** 0-based line and character of the start of the policy or rule. */
  line: number;
  character: number;
}

export interface RuleTrace {
  ruleIndex: number;
  action: string;
  /** Whether every criterion matched. */
  matched: boolean;
  /** The first criterion that did not match, e.g. "destination.ports", with a short sentence. */
  failed?: { criterion: string; detail: string };
  location?: SourceLocation;
}

export interface PolicyTrace {
  /** Calico's name (see DecidedBy.policy). */
  policy: string;
  kind: string;
  order: number | null;
  /** What the policy did with the flow: a rule decided, Pass, or no rule matched. */
  outcome: 'allow' | 'deny' | 'pass' | 'no-match';
  rules: RuleTrace[];
  source?: PolicySource;
  location?: SourceLocation;
}

export interface TierTrace {
  tier: string;
  order: number | null;
  defaultAction: 'Deny' | 'Pass';
  policies: PolicyTrace[];
  /** What left the tier: a rule's verdict, a Pass, or the tier's default action at its end. */
  outcome: 'allow' | 'deny' | 'pass' | 'end-of-tier-deny' | 'end-of-tier-pass';
}

export interface SideTrace {
  side: FlowSide;
  /** The endpoint judged on this side (`ns/name`). */
  endpoint: string;
  /** Only tiers with at least one policy selecting the endpoint for this direction. */
  tiers: TierTrace[];
  verdict: Verdict;
  /** Set when the profile decided (no tier decided). */
  profile?: 'allow';
}

export interface NearestMiss {
  side: FlowSide;
  tier: string;
  policy: string;
  ruleIndex: number;
  /** The only criterion that failed. */
  criterion: string;
  /** e.g. "`p-customer2summary` ingress rule 1 allows TCP to `app == \"summary\"` but only port 80". */
  message: string;
  location?: SourceLocation;
}

export interface FlowResult {
  from: string;
  to: string;
  protocol: string;
  port?: number | string;
  verdict: Verdict;
  decidedBy: DecidedBy;
  /** Per judged side; a side that is not a cluster endpoint is absent. */
  trace: { egress?: SideTrace; ingress?: SideTrace };
  /** The verdict with staged policies applied (a staged policy replaces the enforced one of the same name). */
  stagedVerdict: Verdict;
  stagedDecidedBy?: DecidedBy;
  /** Absent when the verdict is certain; otherwise a sentence saying what it depends on. */
  uncertain?: string;
  nearestMiss?: NearestMiss;
  /** Policies left out because Calico would reject them (validation errors). */
  excluded?: { policy: string; reason: string }[];
  /** Set when `expect` was given and differs from `verdict`. */
  mismatch?: { expected: Verdict; actual: Verdict };
  /** Why no policy was consulted, e.g. a pod connecting to itself. */
  note?: string;
}

/** An endpoint the simulator knows, for pickers and the matrix. */
export interface EndpointInfo {
  /** `NAMESPACE/NAME`, or the IP/CIDR for external endpoints. */
  id: string;
  kind: 'workload' | 'network-set' | 'global-network-set' | 'external';
  namespace?: string;
  name: string;
  labels: Record<string, string>;
  /** Named container ports, name → port/protocol. */
  namedPorts?: Record<string, { port: number; protocol: string }>;
  ips?: string[];
  location?: SourceLocation;
}

/** Client → server: simulate flows. */
export const SimulateRequest = 'calico/simulate';

export type PolicyScope = 'workspace' | 'cluster' | 'cluster+workspace';

export interface SimulateParams {
  flows: FlowQuery[];
  /** Where policies and endpoints come from; defaults to the `calico.simulation.scope` setting. */
  scope?: PolicyScope;
}

export interface SimulateResult {
  results: FlowResult[];
  /** Sentences naming what could not be read (e.g. forbidden namespaces); empty when the picture is complete. */
  warnings: string[];
}

/** Client → server: the endpoints the simulator knows. */
export const ListEndpointsRequest = 'calico/listEndpoints';

export interface ListEndpointsParams {
  scope?: PolicyScope;
}

export interface ListEndpointsResult {
  endpoints: EndpointInfo[];
  /** Protocol/port pairs that appear in the policies, for pickers. */
  ports: { protocol: string; port?: number }[];
  warnings: string[];
}

/** Client → server: every workload to every workload (and named external endpoints) for one protocol/port. */
export const MatrixRequest = 'calico/matrix';

export interface MatrixParams {
  protocol: string;
  port?: number;
  scope?: PolicyScope;
  /** Limit rows and columns to these workload ids (default: every workload). */
  endpoints?: string[];
  /** Only these sources (EndpointInfo.id), so a view can draw the rows on screen first; every workload when absent. */
  rows?: string[];
  /** Only these destinations (EndpointInfo.id), likewise; every workload and external endpoint when absent. */
  columns?: string[];
}

export type MatrixCellState = 'allowed' | 'denied' | 'uncertain' | 'changed-by-staged';

export interface MatrixCell {
  state: MatrixCellState;
  verdict: Verdict;
  stagedVerdict: Verdict;
  /** Short text of the deciding rule, e.g. "allowed by yaobank-summary/p-customer2summary". */
  label: string;
  decidedBy: DecidedBy;
  uncertain?: string;
}

export interface MatrixResult {
  protocol: string;
  port?: number;
  /** Row endpoints (sources) and column endpoints (destinations), by EndpointInfo.id. */
  rows: EndpointInfo[];
  columns: EndpointInfo[];
  /** cells[row][column]. */
  cells: MatrixCell[][];
  warnings: string[];
}

/** The command VS Code runs for **Calico: Check Traffic…** and the "Check traffic…" code lens. */
export const CheckTrafficCommand = 'calico.checkTraffic';

/** What the "Check traffic…" lens passes: the workload it sits on (as the source), or the policy it sits on. */
export interface CheckTrafficArgs {
  /** `NAMESPACE/NAME` of the workload the lens is on. */
  endpoint?: string;
  /** Calico's name of the policy the lens is on (see DecidedBy.policy). */
  policy?: string;
  uri?: string;
}

/** One side of a changed flow: its verdict before or after applying the file, and the rule that decided it. */
export interface FlowChangeSide {
  verdict: Verdict;
  decidedBy: DecidedBy;
  /** One line naming the deciding rule. */
  decision: string;
  uncertain?: string;
}

/** A flow whose verdict differs once the file is applied. */
export interface FlowChange {
  from: string;
  to: string;
  protocol: string;
  port?: number;
  change: 'becomes-denied' | 'becomes-allowed';
  before: FlowChangeSide;
  after: FlowChangeSide;
}

/** `calico-policy diff-traffic --format json` and the `calico/diffTraffic` answer. */
export interface DiffTrafficResult {
  changes: FlowChange[];
  /** `otherPorts`: a port no policy names, standing for every such port. */
  checked: { endpoints: number; ports: { protocol: string; port?: number; otherPorts?: boolean }[]; flows: number };
  /** Flows whose verdict did not change but which depend on data that could not be read. */
  uncertainFlows: number;
  warnings: string[];
  cluster?: { context: string; fetchedAt: string; calicoGroup?: string };
}

/** Client → server: which flows change verdict if this document's resources were applied to the current scope. */
export const DiffTrafficRequest = 'calico/diffTraffic';

export interface DiffTrafficParams {
  /** The document to apply (its current editor text when open). */
  uri: string;
}
