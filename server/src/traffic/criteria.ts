// Compiles policy rules into criteria: Calico rules field by field (docs/semantics.md, "Selector scope") and Kubernetes rules
// with their own semantics (peers OR-ed, ports OR-ed, empty lists match everything).
import {
  compileNamespaceSelector,
  compileSelector,
  compileServiceAccountSelector,
  matchesLabels,
  type CompiledSelector,
  type EntityFacts,
  type KubernetesPeerFacts,
  type PolicyFacts,
  type RuleFacts,
} from '../model';
import { labelReferences } from '../selector';
import { cidrContains, isCatchAll, parseCidr, type Cidr } from './ip';
import { hasPorts, protocolNumber } from './protocols';
import type { Criterion, CriterionResult, FlowContext, FlowPeer, Labels, Workload } from './types';

const OK: CriterionResult = { ok: true };
const NO: CriterionResult = { ok: false };
const NAMESPACE_KEY = 'projectcalico.org/namespace';
const SA_KEY = 'projectcalico.org/serviceaccount';

type Side = 'source' | 'destination';
const peerOf = (ctx: FlowContext, side: Side): FlowPeer => (side === 'source' ? ctx.src : ctx.dst);
const quote = (text: string) => `\`${text}\``;

/** Whether the peer's address is in any of the CIDRs; a workload without a known IP leaves it open. */
function inNets(peer: FlowPeer, nets: Cidr[], ctx: FlowContext): CriterionResult {
  if (peer.ip) return nets.some((n) => cidrContains(n, peer.ip!)) ? OK : NO;
  if (!peer.workload) return NO;
  if (nets.some((n) => isCatchAll(n) && n.version === ctx.ipVersion)) return OK;
  if (!nets.some((n) => n.version === ctx.ipVersion)) return NO;
  return { ok: false, uncertain: `${peer.id} has no known IP address (status.podIP), so whether it is in ${nets.map((n) => n.text).join(', ')} is unknown` };
}

function negate(r: CriterionResult): CriterionResult {
  return r.uncertain ? { ok: !r.ok, uncertain: r.uncertain } : r.ok ? NO : OK;
}

interface PortEntry {
  min?: number;
  max?: number;
  name?: string;
  text: string;
}

function parsePort(text: string): PortEntry | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { min: Number(t), max: Number(t), text: t };
  const range = /^(\d+):(\d+)$/.exec(t);
  if (range) return { min: Number(range[1]), max: Number(range[2]), text: t };
  if (/^[a-zA-Z0-9_.-]+$/.test(t)) return { name: t, text: t };
  return undefined;
}

/** A named port resolves against the endpoint the entity refers to (its container ports), with the flow's protocol. */
function namedPortMatches(workload: Workload | undefined, name: string, ctx: FlowContext): boolean {
  const p = workload?.namedPorts.get(name);
  return !!p && p.port === ctx.port && protocolNumber(p.protocol) === ctx.protocol;
}

function portsMatch(entries: PortEntry[], side: Side, ctx: FlowContext): CriterionResult {
  if (!hasPorts(ctx.protocol)) return NO;
  if (side === 'source') return { ok: false, uncertain: 'the source port of a connection is not known (it is usually ephemeral)' };
  if (ctx.port === undefined) return { ok: false, uncertain: 'no destination port was given' };
  const peer = peerOf(ctx, side);
  for (const e of entries) {
    if (e.name !== undefined ? namedPortMatches(peer.workload, e.name, ctx) : ctx.port >= e.min! && ctx.port <= e.max!) return OK;
  }
  return NO;
}

function portsText(entries: PortEntry[]): string {
  return entries.length === 1 ? `port ${entries[0].text}` : `ports ${entries.map((e) => e.text).join(', ')}`;
}

function anySet(peer: FlowPeer, test: (labels: Labels) => boolean): boolean {
  for (const labels of peer.labelSets) if (test(labels)) return true;
  return false;
}

/** Uncertain when a selector over namespace/service-account labels meets an object whose labels are unknown. */
function labelSourceUncertainty(peer: FlowPeer, nsSelector: CompiledSelector | undefined, saSelector: CompiledSelector | undefined): string | undefined {
  const w = peer.workload;
  if (!w) return undefined;
  if (nsSelector && w.namespaceImplicit && usesKeysBeyondName(nsSelector)) return `namespace ${w.namespace} has no manifest, so its labels are unknown`;
  if (saSelector && !w.serviceAccountKnown && usesKeysBeyondName(saSelector))
    return `service account ${w.namespace}/${w.serviceAccount} has no manifest, so its labels are unknown`;
  return undefined;
}

/** The selector tests labels other than the object's name (which is known without a manifest). */
export function usesKeysBeyondName(selector: CompiledSelector): boolean {
  if (!selector.ast) return false;
  return labelReferences(selector.ast).some(({ key }) => {
    const name = key.name.replace(/^(pcns|pcsa)\./, '');
    return name !== 'projectcalico.org/name' && name !== 'kubernetes.io/metadata.name' && name !== NAMESPACE_KEY;
  });
}

/** The criteria of one `source`/`destination` EntityRule, with the namespace confinement Calico applies. */
function entityCriteria(entity: EntityFacts, side: Side, policyNamespace: string | undefined, out: Criterion[]): void {
  if (entity.nets) {
    const nets = entity.nets.map(parseCidr).filter((c): c is Cidr => !!c);
    out.push({ name: `${side}.nets`, requirement: `${side} in ${entity.nets.join(', ')}`, test: (ctx) => inNets(peerOf(ctx, side), nets, ctx) });
  }
  if (entity.notNets) {
    const nets = entity.notNets.map(parseCidr).filter((c): c is Cidr => !!c);
    out.push({ name: `${side}.notNets`, requirement: `${side} outside ${entity.notNets.join(', ')}`, test: (ctx) => negate(inNets(peerOf(ctx, side), nets, ctx)) });
  }
  const selector = entity.selector ? compileSelector(entity.selector.text) : undefined;
  const notSelector = entity.notSelector ? compileSelector(entity.notSelector.text) : undefined;
  const nsSelector = entity.namespaceSelector ? compileNamespaceSelector(entity.namespaceSelector.text) : undefined;
  const saSelector = entity.serviceAccountSelector ? compileServiceAccountSelector(entity.serviceAccountSelector.text) : undefined;
  const saNames = entity.serviceAccountNames ? new Set(entity.serviceAccountNames) : undefined;
  const usesAccounts = !!saSelector || !!saNames;
  if (selector || notSelector || nsSelector || usesAccounts) {
    // Every part must hold for one and the same endpoint (or network set) the peer address belongs to.
    const nsTest = nsSelector
      ? (l: Labels) => matchesLabels(nsSelector, l)
      : policyNamespace !== undefined
        ? (l: Labels) => l[NAMESPACE_KEY] === policyNamespace
        : undefined;
    const saTest = usesAccounts
      ? (l: Labels) => (!saNames || (Object.hasOwn(l, SA_KEY) && saNames.has(l[SA_KEY]))) && (!saSelector || matchesLabels(saSelector, l))
      : undefined;
    const selTest = selector ? (l: Labels) => matchesLabels(selector, l) : undefined;
    const parts: { name: string; requirement: string; test: (l: Labels) => boolean; unknownLabels?: { ns?: CompiledSelector; sa?: CompiledSelector } }[] = [];
    if (nsTest)
      parts.push({
        name: nsSelector ? `${side}.namespaceSelector` : `${side}.namespace`,
        requirement: nsSelector ? `${side} namespace matching ${quote(nsSelector.text)}` : `${side} in namespace ${policyNamespace}`,
        test: nsTest,
        unknownLabels: { ns: nsSelector },
      });
    if (saTest)
      parts.push({
        name: `${side}.serviceAccounts`,
        requirement: `${side} service account ${[saNames ? [...saNames].join(', ') : '', saSelector ? `matching ${quote(saSelector.text)}` : ''].filter(Boolean).join(' ')}`,
        test: saTest,
        unknownLabels: { sa: saSelector },
      });
    if (selTest) parts.push({ name: `${side}.selector`, requirement: `${side} matching ${quote(selector!.text)}`, test: selTest });
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      // One criterion per part for reporting; the conjunction is tested on the last part so a peer whose parts
      // hold for different label sets (a pod and a network set holding its IP) still fails.
      const last = i === parts.length - 1;
      out.push({
        name: part.name,
        requirement: part.requirement,
        test: (ctx) => {
          const peer = peerOf(ctx, side);
          const ok = anySet(peer, part.test) && (!last || anySet(peer, (l) => parts.every((p) => p.test(l))));
          if (!ok && last && peer.possibleSets?.some((l) => parts.every((p) => p.test(l))))
            return { ok, uncertain: `${peer.id} has no known IP address, and a network set matching the rule may hold it` };
          // Labels of a namespace or service account without a manifest are unknown: either answer could be wrong.
          const why = part.unknownLabels ? labelSourceUncertainty(peer, part.unknownLabels.ns, part.unknownLabels.sa) : undefined;
          if (why) return { ok, uncertain: why };
          return ok ? OK : NO;
        },
      });
    }
  }
  if (notSelector) {
    out.push({
      name: `${side}.notSelector`,
      requirement: `${side} not matching ${quote(notSelector.text)}`,
      test: (ctx) => {
        const peer = peerOf(ctx, side);
        if (anySet(peer, (l) => matchesLabels(notSelector, l))) return NO;
        if (peer.possibleSets?.some((l) => matchesLabels(notSelector, l)))
          return { ok: true, uncertain: `${peer.id} has no known IP address, and a network set matching the notSelector may hold it` };
        return OK;
      },
    });
  }
  if (entity.ports) {
    const entries = entity.ports.map(parsePort).filter((p): p is PortEntry => !!p);
    out.push({ name: `${side}.ports`, requirement: `${side} ${portsText(entries)}`, test: (ctx) => portsMatch(entries, side, ctx) });
  }
  if (entity.notPorts) {
    const entries = entity.notPorts.map(parsePort).filter((p): p is PortEntry => !!p);
    out.push({ name: `${side}.notPorts`, requirement: `${side} not ${portsText(entries)}`, test: (ctx) => negate(portsMatch(entries, side, ctx)) });
  }
  if (entity.service) {
    const svc = entity.service;
    out.push({
      name: `${side}.services`,
      requirement: `${side} Service ${svc.namespace ? `${svc.namespace}/` : ''}${svc.name}`,
      test: () => ({ ok: false, uncertain: `the rule matches endpoints of Service ${svc.name}, which the simulator does not model` }),
    });
  }
}

function icmpTest(fields: { type?: number; code?: number }, ctx: FlowContext): CriterionResult {
  if (ctx.protocol !== 1 && ctx.protocol !== 58) return NO;
  if (fields.type !== undefined) {
    if (ctx.icmp?.type === undefined) return { ok: false, uncertain: 'the ICMP type of the flow was not given' };
    if (ctx.icmp.type !== fields.type) return NO;
  }
  if (fields.code !== undefined) {
    if (ctx.icmp?.code === undefined) return { ok: false, uncertain: 'the ICMP code of the flow was not given' };
    if (ctx.icmp.code !== fields.code) return NO;
  }
  return OK;
}

/** A Calico rule's criteria in the order Calico's fields read. */
export function calicoRuleCriteria(rule: RuleFacts, policy: PolicyFacts): Criterion[] {
  const out: Criterion[] = [];
  const ns = policy.flavor === 'calico-namespaced' ? policy.namespace ?? 'default' : undefined;
  if (rule.ipVersion !== undefined) {
    const v = rule.ipVersion;
    out.push({ name: 'ipVersion', requirement: `IPv${v}`, test: (ctx) => (ctx.ipVersion === v ? OK : NO) });
  }
  if (rule.protocol !== undefined) {
    const p = protocolNumber(rule.protocol);
    out.push({ name: 'protocol', requirement: `protocol ${rule.protocol}`, test: (ctx) => (ctx.protocol === p ? OK : NO) });
  }
  if (rule.notProtocol !== undefined) {
    const p = protocolNumber(rule.notProtocol);
    out.push({ name: 'notProtocol', requirement: `a protocol other than ${rule.notProtocol}`, test: (ctx) => (ctx.protocol !== p ? OK : NO) });
  }
  if (rule.icmp) {
    const f = rule.icmp;
    out.push({ name: 'icmp', requirement: `ICMP type ${f.type ?? 'any'}${f.code !== undefined ? ` code ${f.code}` : ''}`, test: (ctx) => icmpTest(f, ctx) });
  }
  if (rule.notIcmp) {
    const f = rule.notIcmp;
    out.push({ name: 'notICMP', requirement: `not ICMP type ${f.type ?? 'any'}${f.code !== undefined ? ` code ${f.code}` : ''}`, test: (ctx) => negate(icmpTest(f, ctx)) });
  }
  entityCriteria(rule.source, 'source', ns, out);
  entityCriteria(rule.destination, 'destination', ns, out);
  if (rule.http) {
    out.push({
      name: 'http',
      requirement: 'an HTTP request matching the rule',
      test: () => ({ ok: true, uncertain: 'the rule also matches HTTP methods/paths, which depend on each request' }),
    });
  }
  return out;
}

function labelSelector(fact: { text: string; invalid?: string } | undefined): CompiledSelector | undefined {
  return fact ? (fact.invalid ? { text: fact.text, error: fact.invalid } : compileSelector(fact.text)) : undefined;
}

interface CompiledPeer {
  test(peer: FlowPeer, ctx: FlowContext): CriterionResult;
}

function kubernetesPeer(peer: KubernetesPeerFacts, policyNamespace: string, namespaceLabels: (ns: string) => Labels): CompiledPeer {
  if (peer.ipBlock) {
    const cidr = parseCidr(peer.ipBlock.cidr);
    const except = peer.ipBlock.except.map(parseCidr).filter((c): c is Cidr => !!c);
    return {
      test: (p, ctx) => {
        if (!cidr) return NO;
        const inside = inNets(p, [cidr], ctx);
        if (!inside.ok && !inside.uncertain) return NO;
        if (except.length === 0) return inside;
        const excluded = inNets(p, except, ctx);
        if (excluded.ok && !excluded.uncertain) return NO;
        const uncertain = inside.uncertain ?? excluded.uncertain;
        return uncertain ? { ok: inside.ok && !excluded.ok, uncertain } : OK;
      },
    };
  }
  const pods = labelSelector(peer.podSelector);
  const namespaces = labelSelector(peer.namespaceSelector);
  return {
    test: (p) => {
      const w = p.workload;
      // Kubernetes peers are pods only (Calico adds `projectcalico.org/orchestrator == "k8s"`).
      if (!w) return NO;
      if (pods && !matchesLabels(pods, w.selectorLabels)) return NO;
      if (!namespaces) return w.namespace === policyNamespace ? OK : NO;
      const ok = matchesLabels(namespaces, namespaceLabels(w.namespace));
      if (w.namespaceImplicit && usesKeysBeyondName(namespaces)) return { ok, uncertain: `namespace ${w.namespace} has no manifest, so its labels are unknown` };
      return ok ? OK : NO;
    },
  };
}

function peerText(peer: KubernetesPeerFacts): string {
  if (peer.ipBlock) return `ipBlock ${peer.ipBlock.cidr}${peer.ipBlock.except.length ? ` except ${peer.ipBlock.except.join(', ')}` : ''}`;
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaces matching ${quote(peer.namespaceSelector.text || '{}')}`);
  if (peer.podSelector) parts.push(`pods matching ${quote(peer.podSelector.text || '{}')}`);
  return parts.join(' and ') || 'any pod';
}

/** A Kubernetes rule: one criterion for the peers (`from`/`to`) and one for the ports, each an OR of entries. */
export function kubernetesRuleCriteria(rule: RuleFacts, policy: PolicyFacts, namespaceLabels: (ns: string) => Labels): Criterion[] {
  const k = rule.kubernetes ?? { peers: [], ports: [] };
  const ns = policy.namespace ?? 'default';
  const out: Criterion[] = [];
  if (k.peers.length > 0) {
    const peers = k.peers.map((p) => kubernetesPeer(p, ns, namespaceLabels));
    const side: Side = rule.direction === 'ingress' ? 'source' : 'destination';
    out.push({
      name: rule.direction === 'ingress' ? 'from' : 'to',
      requirement: `${rule.direction === 'ingress' ? 'from' : 'to'} ${k.peers.map(peerText).join(' or ')}`,
      test: (ctx) => {
        let uncertain: string | undefined;
        for (const p of peers) {
          const r = p.test(peerOf(ctx, side), ctx);
          if (r.ok && !r.uncertain) return OK;
          if (r.uncertain) uncertain ??= r.uncertain;
        }
        return uncertain ? { ok: false, uncertain } : NO;
      },
    });
  }
  if (k.ports.length > 0) {
    const entries = k.ports.map((p) => ({ protocol: protocolNumber(p.protocol), protocolText: p.protocol, port: p.port === undefined ? undefined : parsePort(p.port), endPort: p.endPort }));
    out.push({
      name: 'ports',
      requirement: entries.map((e) => `${e.protocolText}${e.port ? ` ${e.port.text}${e.endPort !== undefined ? `-${e.endPort}` : ''}` : ''}`).join(' or '),
      test: (ctx) => {
        for (const e of entries) {
          if (e.protocol !== ctx.protocol) continue;
          if (!e.port) return OK;
          if (ctx.port === undefined) return { ok: false, uncertain: 'no destination port was given' };
          if (e.port.name !== undefined) {
            if (namedPortMatches(ctx.dst.workload, e.port.name, ctx)) return OK;
          } else if (ctx.port >= e.port.min! && ctx.port <= (e.endPort ?? e.port.max!)) return OK;
        }
        return NO;
      },
    });
  }
  return out;
}

