// One plain-English sentence per rule, from its facts (docs/semantics.md, "Selector scope", for how the fields combine).
import type { EntityFacts, IcmpFacts, KubernetesPeerFacts, PolicyFacts, RuleFacts } from '../model';
import { code, orList, portsPhrase, protocolLabel, selectorCode } from './words';

export interface RuleContext {
  flavor: PolicyFacts['flavor'];
  namespace?: string;
  tier: string;
}

export function namespacePhrase(ctx: { namespace?: string }): string {
  return ctx.namespace ? `in namespace ${code(ctx.namespace)}` : "in this policy's namespace";
}

function icmpTypeName(protocol: string | undefined, type: number): string | undefined {
  const v6 = protocol !== undefined && protocolLabel(protocol) === 'ICMPv6';
  const names: Record<number, string> = v6 ? { 128: 'echo request', 129: 'echo reply' } : { 8: 'echo request', 0: 'echo reply' };
  return names[type];
}

function icmpPhrase(icmp: IcmpFacts, protocol: string | undefined): string {
  if (icmp.type === undefined) return icmp.code === undefined ? '' : `code ${icmp.code}`;
  const name = icmpTypeName(protocol, icmp.type);
  const type = `type ${icmp.type}${name ? ` (${name})` : ''}`;
  return icmp.code === undefined ? type : `${type} code ${icmp.code}`;
}

/** What kind of packets: "TCP", "IPv6 UDP", "all traffic", "ICMP type 8 (echo request)". */
function trafficPhrase(rule: RuleFacts): string {
  const ip = rule.ipVersion === 4 || rule.ipVersion === 6 ? `IPv${rule.ipVersion} ` : '';
  let text: string;
  if (rule.protocol !== undefined) {
    text = `${ip}${protocolLabel(rule.protocol)}`;
    if (rule.icmp) {
      const icmp = icmpPhrase(rule.icmp, rule.protocol);
      if (icmp) text += ` ${icmp}`;
    }
  } else if (rule.notProtocol !== undefined) {
    text = `${ip}traffic other than ${protocolLabel(rule.notProtocol)}`;
  } else {
    text = rule.matchesEverything ? 'all traffic' : `${ip}traffic`;
  }
  if (rule.notIcmp) {
    const icmp = icmpPhrase(rule.notIcmp, rule.protocol ?? rule.notProtocol);
    // After "ICMP"/"ICMPv6" the family is already named; otherwise say which one the type belongs to.
    const family = rule.protocol !== undefined ? protocolLabel(rule.protocol) : '';
    const named = family === 'ICMP' || family === 'ICMPv6';
    if (icmp) text += named ? ` except ${icmp}` : ` except ICMP ${icmp}`;
  }
  return text;
}

function serviceAccountPhrase(entity: EntityFacts): string | undefined {
  const parts: string[] = [];
  if (entity.serviceAccountNames) {
    const many = entity.serviceAccountNames.length > 1;
    parts.push(`running as service account${many ? 's' : ''} ${orList(entity.serviceAccountNames.map(code))}`);
  }
  if (entity.serviceAccountSelector) {
    parts.push(`whose service account matches ${selectorCode(entity.serviceAccountSelector)}`);
  }
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/**
 * Who a rule side refers to, or undefined when it does not restrict the peer (ports aside).
 * NetworkPolicy rule selectors stay in the policy's namespace unless a namespaceSelector is given; a side
 * with only nets is not namespace-confined; notSelector alone still confines the positive side (docs/semantics.md, "Selector scope").
 */
export function entityPhrase(entity: EntityFacts, ctx: RuleContext): string | undefined {
  if (entity.service) {
    const ns = entity.service.namespace;
    const where = ns ? `in namespace ${code(ns)}` : ctx.flavor === 'calico-global' ? '(no namespace given)' : namespacePhrase(ctx);
    return `endpoints of Kubernetes service ${code(entity.service.name)} ${where}`;
  }
  const confined = ctx.flavor !== 'calico-global';
  const positive =
    entity.selector !== undefined ||
    entity.namespaceSelector !== undefined ||
    entity.serviceAccountNames !== undefined ||
    entity.serviceAccountSelector !== undefined ||
    (entity.notSelector !== undefined && confined);
  const pieces: string[] = [];
  if (positive) {
    const who = entity.selector
      ? entity.selector.matchesAll && !entity.selector.invalid
        ? 'all endpoints'
        : `endpoints ${selectorCode(entity.selector)}`
      : 'endpoints';
    let where = '';
    const ns = entity.namespaceSelector;
    if (ns) {
      if (/^[ \t]*global\([ \t]*\)[ \t]*$/.test(ns.text)) where = 'outside any namespace (host endpoints and global network sets)';
      else if (ns.matchesAll && !ns.invalid) where = 'in any namespace';
      else where = `in namespaces ${selectorCode(ns)}`;
    } else if (confined) {
      where = namespacePhrase(ctx);
    }
    pieces.push([who, where, serviceAccountPhrase(entity)].filter(Boolean).join(' '));
  }
  if (entity.nets) {
    const nets = orList(entity.nets.map(code));
    pieces.push(pieces.length > 0 ? `with an address in ${nets}` : `addresses in ${nets}`);
  }
  if (entity.notNets) {
    const nets = orList(entity.notNets.map(code));
    pieces.push(pieces.length > 0 ? `excluding addresses in ${nets}` : `any address outside ${nets}`);
  }
  if (entity.notSelector) {
    const not = selectorCode(entity.notSelector);
    pieces.push(pieces.length > 0 ? `except endpoints matching ${not}` : `anything except endpoints matching ${not}`);
  }
  return pieces.length > 0 ? pieces.join(' ') : undefined;
}

function portsOf(entity: EntityFacts): string | undefined {
  const parts: string[] = [];
  if (entity.ports) parts.push(portsPhrase(entity.ports));
  if (entity.notPorts) parts.push(`any port except ${portsPhrase(entity.notPorts).replace(/^ports? /, '')}`);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

function sidePhrase(entity: EntityFacts, ctx: RuleContext, preposition: 'from' | 'to', isPeer: boolean): string | undefined {
  const who = entityPhrase(entity, ctx);
  const ports = portsOf(entity);
  const portWord = preposition === 'from' ? 'source ' : '';
  if (who) return ports ? `${preposition} ${who} on ${portWord}${ports}` : `${preposition} ${who}`;
  if (ports) return isPeer && preposition === 'from' ? `from anywhere on source ${ports}` : `${preposition} ${portWord}${ports}`;
  if (isPeer) return `${preposition} anywhere`;
  return undefined;
}

function httpPhrase(http: NonNullable<RuleFacts['http']>): string {
  const parts: string[] = [];
  if (http.methods.length > 0) parts.push(`method ${orList(http.methods.map(code))}`);
  if (http.paths.length > 0) {
    const paths = http.paths.map((p) => (p.kind === 'exact' ? `${code(p.value)} (exact)` : `${code(p.value)} (prefix)`));
    parts.push(`path ${orList(paths)}`);
  }
  return `for HTTP requests with ${parts.join(' and ')}`;
}

function kubernetesPeerPhrase(peer: KubernetesPeerFacts, ctx: RuleContext): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except.length > 0 ? ` excluding ${orList(peer.ipBlock.except.map(code))}` : '';
    return `addresses in ${code(peer.ipBlock.cidr)}${except}`;
  }
  const pods = peer.podSelector && !peer.podSelector.matchesAll ? `pods ${selectorCode(peer.podSelector)}` : 'all pods';
  if (peer.namespaceSelector) {
    const ns = peer.namespaceSelector;
    return ns.matchesAll && !ns.invalid ? `${pods} in every namespace` : `${pods} in namespaces ${selectorCode(ns)}`;
  }
  if (peer.podSelector) return `${pods} ${namespacePhrase(ctx)}`;
  return 'no peer (an empty peer entry)';
}

function kubernetesPortPhrase(port: { protocol: string; port?: string; endPort?: number }): string {
  if (port.port === undefined) return `any ${port.protocol} port`;
  if (port.endPort !== undefined) return `${port.protocol} ports ${port.port}–${port.endPort}`;
  return /^\d+$/.test(port.port) ? `${port.protocol} port ${port.port}` : `${port.protocol} named port ${code(port.port)}`;
}

function kubernetesRuleSentence(rule: RuleFacts, ctx: RuleContext): string {
  const k = rule.kubernetes!;
  const what = k.ports.length > 0 ? orList(k.ports.map(kubernetesPortPhrase)) : 'all traffic';
  const preposition = rule.direction === 'ingress' ? 'from' : 'to';
  const peers = k.peers.length > 0 ? orList(k.peers.map((p) => kubernetesPeerPhrase(p, ctx))) : 'anywhere';
  return `Allow ${what} ${preposition} ${peers}`;
}

const actionVerbs: Readonly<Record<string, string>> = { Allow: 'Allow', Deny: 'Deny', Log: 'Log', Pass: 'Pass' };

/** The rule in one line, e.g. "Allow TCP from endpoints `app == "customer"` in namespaces `ns == "summary"` to port 80". */
export function ruleSentence(rule: RuleFacts, ctx: RuleContext): string {
  if (rule.kubernetes) return kubernetesRuleSentence(rule, ctx);
  const verb =
    rule.action === undefined
      ? 'No action (the rule is invalid):'
      : (actionVerbs[rule.action] ?? `Invalid action ${code(rule.action)}:`);
  const sourceIsPeer = rule.direction === 'ingress';
  const parts = [verb, trafficPhrase(rule)];
  const from = sidePhrase(rule.source, ctx, 'from', sourceIsPeer);
  const to = sidePhrase(rule.destination, ctx, 'to', !sourceIsPeer);
  if (from) parts.push(from);
  if (to) parts.push(to);
  if (rule.http) parts.push(httpPhrase(rule.http));
  let sentence = parts.join(' ');
  if (rule.action === 'Log') sentence += ' (then continue with the next rule)';
  if (rule.action === 'Pass') sentence += ` (skip the rest of tier ${code(ctx.tier)})`;
  return sentence;
}

export function ruleContext(policy: PolicyFacts): RuleContext {
  const ctx: RuleContext = { flavor: policy.flavor, tier: policy.tier.name };
  if (policy.namespace !== undefined) ctx.namespace = policy.namespace;
  return ctx;
}
