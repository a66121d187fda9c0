// Every projectcalico.org/v3 kind we know, with the facts code asks per kind (the one list of policy kinds).
// The lowest layer: imports nothing, so document, model, validation and features can all read it.

/** Which Calico products have a kind or field: Calico Open Source (and the others), or only Enterprise/Cloud. */
export type KindEdition = 'oss' | 'enterprise';

export interface KindInfo {
  kind: string;
  /** A few words for completion lists. */
  summary: string;
  /** One paragraph for hover (Markdown). */
  doc: string;
  /** A Calico policy with Calico rules (NetworkPolicy, GlobalNetworkPolicy and their staged forms). */
  isPolicy: boolean;
  /** Any kind of policy, including StagedKubernetesNetworkPolicy (Kubernetes-shaped rules). */
  hasRules: boolean;
  /** The resource lives in a namespace (metadata.namespace applies; selectors stay in that namespace). */
  namespaced: boolean;
  /** Objects of this kind carry labels that rule selectors can match (network sets, host endpoints). */
  carriesLabels: boolean;
  /** A staged (never enforced) preview. */
  staged: boolean;
  /** Products that accept the kind. */
  edition: KindEdition;
  /** We describe its fields and check them; otherwise only kind, apiVersion and metadata are known. */
  checked: boolean;
}

const base = { isPolicy: false, hasRules: false, namespaced: false, carriesLabels: false, staged: false, edition: 'oss', checked: true } as const;

const ENTERPRISE_DOC = 'A Calico Enterprise and Calico Cloud resource (not in Calico Open Source); its fields are not checked here.';

function enterprise(kind: string, summary: string, what: string, namespaced = false): KindInfo {
  return { ...base, kind, summary, doc: `**${kind}**: ${what}\n\n${ENTERPRISE_DOC}`, edition: 'enterprise', checked: false, namespaced };
}

export const kindTable: readonly KindInfo[] = [
  { ...base, kind: 'NetworkPolicy', summary: 'policy for pods in one namespace', doc: '**NetworkPolicy**: ordered rules for the workloads of one namespace, evaluated in its tier.', isPolicy: true, hasRules: true, namespaced: true },
  { ...base, kind: 'GlobalNetworkPolicy', summary: 'policy for pods in every namespace and host endpoints', doc: '**GlobalNetworkPolicy**: ordered rules for workloads in every namespace and for host endpoints, evaluated in its tier.', isPolicy: true, hasRules: true },
  { ...base, kind: 'StagedNetworkPolicy', summary: 'preview of a NetworkPolicy (not enforced)', doc: '**StagedNetworkPolicy**: a NetworkPolicy previewed but never enforced.', isPolicy: true, hasRules: true, namespaced: true, staged: true },
  { ...base, kind: 'StagedGlobalNetworkPolicy', summary: 'preview of a GlobalNetworkPolicy (not enforced)', doc: '**StagedGlobalNetworkPolicy**: a GlobalNetworkPolicy previewed but never enforced.', isPolicy: true, hasRules: true, staged: true },
  { ...base, kind: 'StagedKubernetesNetworkPolicy', summary: 'preview of a Kubernetes NetworkPolicy (not enforced)', doc: '**StagedKubernetesNetworkPolicy**: a Kubernetes NetworkPolicy previewed but never enforced.', hasRules: true, namespaced: true, staged: true },
  { ...base, kind: 'NetworkSet', summary: 'labelled CIDRs in one namespace', doc: '**NetworkSet**: labelled IP ranges in one namespace that rule selectors of policies in that namespace can match.', namespaced: true, carriesLabels: true },
  { ...base, kind: 'GlobalNetworkSet', summary: 'labelled CIDRs for the whole cluster', doc: '**GlobalNetworkSet**: labelled IP ranges that global policies (and `namespaceSelector: global()` rules) can match.', carriesLabels: true },
  { ...base, kind: 'Tier', summary: 'ordered group of policies', doc: '**Tier**: an ordered group of policies with a default action for traffic its policies select but do not decide.' },
  { ...base, kind: 'HostEndpoint', summary: 'a host interface that policy can protect', doc: '**HostEndpoint**: a host interface (or all of them) that global policies can select by its labels.', carriesLabels: true },
  enterprise('GlobalAlert', 'alert on flow, DNS or audit logs', 'raises alerts when a query over flow, DNS, L7 or audit logs matches.'),
  enterprise('GlobalAlertTemplate', 'template for a GlobalAlert', 'a reusable template from which GlobalAlerts are created.'),
  enterprise('AlertException', 'silences matching security events', 'suppresses security events that match its selector for a period.'),
  enterprise('GlobalThreatFeed', 'threat intelligence feed', 'pulls IP or domain threat feeds, to alert on or to fill a GlobalNetworkSet for blocking.'),
  enterprise('GlobalReport', 'scheduled compliance report', 'generates compliance reports (inventory, network access, policy audit, CIS benchmark) on a schedule.'),
  enterprise('GlobalReportType', 'compliance report type', 'defines the contents of a kind of compliance report.'),
  enterprise('PacketCapture', 'capture packets of selected pods', 'captures packets of the workloads its selector matches in its namespace.', true),
  enterprise('DeepPacketInspection', 'intrusion detection on selected pods', 'runs deep packet inspection (IDS) on the traffic of workloads its selector matches in its namespace.', true),
  enterprise('EgressGatewayPolicy', 'chooses egress gateways per destination', 'picks an egress gateway (or none) per destination CIDR for pods or namespaces that reference it by annotation.'),
  enterprise('LicenseKey', 'Calico Enterprise license', 'holds the Calico Enterprise license key.'),
  enterprise('ManagedCluster', 'cluster managed by a management cluster', 'registers a managed cluster with a Calico Enterprise management cluster.'),
  enterprise('PolicyRecommendationScope', 'settings for policy recommendations', 'configures automatic policy recommendations for namespaces.'),
  enterprise('SecurityEventWebhook', 'sends security events to a webhook', 'forwards security events to Slack, Jira or a generic webhook.'),
  enterprise('UISettings', 'saved web console settings', 'a saved view or layout of the Calico Enterprise web console.'),
  enterprise('UISettingsGroup', 'group of web console settings', 'a group that UISettings belong to.'),
  enterprise('ExternalNetwork', 'an external network for egress routing', 'names an external network that egress gateways and BGP peers can be bound to.'),
];

const byKind = new Map(kindTable.map((k) => [k.kind, k]));

/** Facts about a projectcalico.org/v3 kind, or undefined for kinds we do not know. */
export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

/** Every kind we know (Calico Open Source first). */
export const knownKinds: readonly string[] = kindTable.map((k) => k.kind);

/** Kinds whose fields we describe and check. */
export const checkedKinds: readonly string[] = kindTable.filter((k) => k.checked).map((k) => k.kind);

/** Calico policy kinds with Calico rules. */
export const policyKinds: readonly string[] = kindTable.filter((k) => k.isPolicy).map((k) => k.kind);

export function isPolicyKind(kind: string): boolean {
  return byKind.get(kind)?.isPolicy ?? false;
}
