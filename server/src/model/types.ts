// Structured facts about one policy: the single model that lenses, hover, outline and Markdown all read.

export type Direction = 'ingress' | 'egress';

/** What a selector field says, kept as written so sentences can quote it. */
export interface SelectorFact {
  text: string;
  /** Empty, blank or `all()`: matches everything in scope. */
  matchesAll: boolean;
  /** Set when the selector does not parse; sentences then flag it instead of interpreting it. */
  invalid?: string;
}

/** How one rule side (`source` / `destination`, or a Kubernetes peer list) narrows traffic. */
export interface EntityFacts {
  selector?: SelectorFact;
  notSelector?: SelectorFact;
  namespaceSelector?: SelectorFact;
  serviceAccountNames?: string[];
  serviceAccountSelector?: SelectorFact;
  service?: { name: string; namespace?: string };
  nets?: string[];
  notNets?: string[];
  ports?: string[];
  notPorts?: string[];
}

/** One Kubernetes `from`/`to` peer; entries of a peer list are OR-ed. */
export interface KubernetesPeerFacts {
  podSelector?: SelectorFact;
  namespaceSelector?: SelectorFact;
  ipBlock?: { cidr: string; except: string[] };
}

export interface IcmpFacts {
  type?: number;
  code?: number;
}

export interface RuleFacts {
  direction: Direction;
  /** 0-based position in its direction's list. */
  index: number;
  /** As written; undefined when missing. Valid values: Allow, Deny, Log, Pass. */
  action?: string;
  ipVersion?: number;
  protocol?: string;
  notProtocol?: string;
  icmp?: IcmpFacts;
  notIcmp?: IcmpFacts;
  source: EntityFacts;
  destination: EntityFacts;
  http?: { methods: string[]; paths: { kind: 'exact' | 'prefix'; value: string }[] };
  /** Kubernetes rules: the peers (OR-ed; empty list = every peer) and ports (empty = every port). */
  kubernetes?: { peers: KubernetesPeerFacts[]; ports: { protocol: string; port?: string; endPort?: number }[] };
  /** Matches every packet of its direction (no criteria at all). */
  matchesEverything: boolean;
  /** File offsets of the rule's YAML node, when known. */
  range?: { start: number; end: number };
}

export type PolicyFlavor = 'calico-namespaced' | 'calico-global' | 'kubernetes';

export interface TierFacts {
  name: string;
  /** Deny or Pass; undefined when the tier is not known (not built in and not in this file). */
  defaultAction?: 'Deny' | 'Pass';
  /** Where the default action came from. */
  known: 'builtin' | 'file' | 'unknown';
}

export interface PolicyFacts {
  kind: string;
  name?: string;
  namespace?: string;
  flavor: PolicyFlavor;
  /** Set for staged kinds: the `stagedAction` (default Set). */
  staged?: { action: string };
  tier: TierFacts;
  /** Numeric order; undefined = after every ordered policy of the tier. */
  order?: number;
  /** The policy's selector (Kubernetes: podSelector rendered as a Calico selector). */
  selector: SelectorFact;
  serviceAccountSelector?: SelectorFact;
  /** GlobalNetworkPolicy only. */
  namespaceSelector?: SelectorFact;
  /** Directions the policy takes part in. */
  types: Direction[];
  /** Whether `types`/`policyTypes` was written, or inferred. */
  typesExplicit: boolean;
  /** Directions whose rules are present but ignored because `types` leaves them out. */
  ignoredDirections: Direction[];
  ingress: RuleFacts[];
  egress: RuleFacts[];
  doNotTrack: boolean;
  preDNAT: boolean;
  applyOnForward: boolean;
  /** The name Calico enforces a Kubernetes policy under (`knp.default.<name>`). */
  calicoName?: string;
}
