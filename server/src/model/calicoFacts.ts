// Reads a projectcalico.org/v3 policy object (plain JS) into PolicyFacts, applying Calico's defaults.
import type { Direction, EntityFacts, IcmpFacts, PolicyFacts, RuleFacts, SelectorFact } from './types';
import { asList, asMap, asNonEmptyString, asNumber, asText, asTextList, type JsonMap } from './values';
import { selectorFact } from './selectorFact';
import { resolveTier, type TierDefaults } from './tiers';
import { isPolicyKind, kindInfo, policyKinds } from '../schema/kindTable';

export const calicoPolicyKinds: readonly string[] = policyKinds;

export function isCalicoPolicyKind(kind: string): boolean {
  return isPolicyKind(kind);
}

function optionalSelector(value: unknown): SelectorFact | undefined {
  const text = asNonEmptyString(value);
  return text === undefined ? undefined : selectorFact(text);
}

function icmpFacts(value: unknown): IcmpFacts | undefined {
  const map = asMap(value);
  if (!map) return undefined;
  const facts: IcmpFacts = {};
  const type = asNumber(map.type);
  const code = asNumber(map.code);
  if (type !== undefined) facts.type = type;
  if (code !== undefined) facts.code = code;
  return facts;
}

function nonEmpty(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}

export function entityFacts(value: unknown): EntityFacts {
  const map = asMap(value) ?? {};
  const facts: EntityFacts = {};
  const set = <K extends keyof EntityFacts>(key: K, v: EntityFacts[K] | undefined) => {
    if (v !== undefined) facts[key] = v;
  };
  set('selector', optionalSelector(map.selector));
  set('notSelector', optionalSelector(map.notSelector));
  set('namespaceSelector', optionalSelector(map.namespaceSelector));
  set('nets', nonEmpty(asTextList(map.nets)));
  set('notNets', nonEmpty(asTextList(map.notNets)));
  set('ports', nonEmpty(asTextList(map.ports)));
  set('notPorts', nonEmpty(asTextList(map.notPorts)));
  const accounts = asMap(map.serviceAccounts);
  if (accounts) {
    set('serviceAccountNames', nonEmpty(asTextList(accounts.names)));
    set('serviceAccountSelector', optionalSelector(accounts.selector));
  }
  const service = asMap(map.services);
  const serviceName = service && asNonEmptyString(service.name);
  if (service && serviceName) {
    const namespace = asNonEmptyString(service.namespace);
    facts.service = namespace ? { name: serviceName, namespace } : { name: serviceName };
  }
  return facts;
}

export function entityIsEmpty(entity: EntityFacts): boolean {
  return Object.keys(entity).length === 0;
}

function httpFacts(value: unknown): RuleFacts['http'] {
  const map = asMap(value);
  if (!map) return undefined;
  const paths: { kind: 'exact' | 'prefix'; value: string }[] = [];
  for (const entry of asList(map.paths)) {
    const path = asMap(entry);
    const exact = path && asText(path.exact);
    const prefix = path && asText(path.prefix);
    if (exact !== undefined) paths.push({ kind: 'exact', value: exact });
    else if (prefix !== undefined) paths.push({ kind: 'prefix', value: prefix });
  }
  const methods = asTextList(map.methods);
  return methods.length === 0 && paths.length === 0 ? undefined : { methods, paths };
}

export function calicoRuleFacts(value: unknown, direction: Direction, index: number): RuleFacts {
  const map: JsonMap = asMap(value) ?? {};
  const rule: RuleFacts = {
    direction,
    index,
    source: entityFacts(map.source),
    destination: entityFacts(map.destination),
    matchesEverything: false,
  };
  const action = asText(map.action);
  if (action !== undefined) rule.action = action;
  const ipVersion = asNumber(map.ipVersion);
  if (ipVersion !== undefined) rule.ipVersion = ipVersion;
  const protocol = asText(map.protocol);
  if (protocol !== undefined) rule.protocol = protocol;
  const notProtocol = asText(map.notProtocol);
  if (notProtocol !== undefined) rule.notProtocol = notProtocol;
  const icmp = icmpFacts(map.icmp);
  if (icmp) rule.icmp = icmp;
  const notIcmp = icmpFacts(map.notICMP);
  if (notIcmp) rule.notIcmp = notIcmp;
  const http = httpFacts(map.http);
  if (http) rule.http = http;
  rule.matchesEverything =
    ipVersion === undefined &&
    protocol === undefined &&
    notProtocol === undefined &&
    !icmp &&
    !notIcmp &&
    !http &&
    entityIsEmpty(rule.source) &&
    entityIsEmpty(rule.destination);
  return rule;
}

/** Calico's `types` defaulting (docs/semantics.md, "Types defaulting") when the list is omitted or empty. */
export function inferTypes(ingressCount: number, egressCount: number): Direction[] {
  if (egressCount === 0) return ['ingress'];
  return ingressCount === 0 ? ['egress'] : ['ingress', 'egress'];
}

export function explicitTypes(value: unknown): Direction[] | undefined {
  const written = asTextList(value);
  if (written.length === 0) return undefined;
  const types: Direction[] = [];
  if (written.includes('Ingress')) types.push('ingress');
  if (written.includes('Egress')) types.push('egress');
  return types;
}

export interface FactsOptions {
  kind: string;
  /** Tier default actions declared by Tier resources in the same file. */
  tiers?: TierDefaults;
}

export function calicoPolicyFacts(resource: unknown, options: FactsOptions): PolicyFacts {
  const root = asMap(resource) ?? {};
  const metadata = asMap(root.metadata) ?? {};
  const spec = asMap(root.spec) ?? {};
  const kind = options.kind;
  const global = !(kindInfo(kind)?.namespaced ?? true);
  const ingressValues = asList(spec.ingress);
  const egressValues = asList(spec.egress);
  const explicit = explicitTypes(spec.types);
  const types = explicit ?? inferTypes(ingressValues.length, egressValues.length);
  const facts: PolicyFacts = {
    kind,
    flavor: global ? 'calico-global' : 'calico-namespaced',
    tier: resolveTier(asNonEmptyString(spec.tier) ?? 'default', options.tiers),
    selector: selectorFact(typeof spec.selector === 'string' ? spec.selector : ''),
    types,
    typesExplicit: explicit !== undefined,
    ignoredDirections: [],
    ingress: ingressValues.map((r, i) => calicoRuleFacts(r, 'ingress', i)),
    egress: egressValues.map((r, i) => calicoRuleFacts(r, 'egress', i)),
    doNotTrack: global && spec.doNotTrack === true,
    preDNAT: global && spec.preDNAT === true,
    applyOnForward: global && spec.applyOnForward === true,
  };
  const name = asNonEmptyString(metadata.name);
  if (name !== undefined) facts.name = name;
  const namespace = asNonEmptyString(metadata.namespace);
  if (namespace !== undefined && !global) facts.namespace = namespace;
  const order = asNumber(spec.order);
  if (order !== undefined) facts.order = order;
  const saSelector = optionalSelector(spec.serviceAccountSelector);
  if (saSelector) facts.serviceAccountSelector = saSelector;
  if (global) {
    const nsSelector = optionalSelector(spec.namespaceSelector);
    if (nsSelector) facts.namespaceSelector = nsSelector;
  }
  if (kind.startsWith('Staged')) facts.staged = { action: asText(spec.stagedAction) ?? 'Set' };
  if (explicit) {
    if (!explicit.includes('ingress') && ingressValues.length > 0) facts.ignoredDirections.push('ingress');
    if (!explicit.includes('egress') && egressValues.length > 0) facts.ignoredDirections.push('egress');
  }
  return facts;
}
