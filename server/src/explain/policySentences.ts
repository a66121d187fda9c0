// Policy-level sentences: what it applies to, where it sits (tier/order), and what happens to unmatched traffic.
import type { Direction, PolicyFacts, RuleFacts } from '../model';
import { namespacePhrase } from './ruleSentence';
import { andList, capitalize, code, selectorCode } from './words';

/** "pods" when only workload endpoints can be selected, "endpoints" when host endpoints can be too. */
export function selectedNoun(policy: PolicyFacts): string {
  // serviceAccountSelector restricts the selection to pods (docs/semantics.md, "Selector scope"), as namespaceSelector does.
  return policy.flavor === 'calico-global' && !policy.namespaceSelector && !policy.serviceAccountSelector ? 'endpoints' : 'pods';
}

/** What the policy applies to (docs/semantics.md, "Selector scope"). */
export function subjectPhrase(policy: PolicyFacts): string {
  const sel = policy.selector;
  const all = sel.matchesAll && !sel.invalid;
  let text: string;
  if (policy.flavor === 'calico-global') {
    const ns = policy.namespaceSelector;
    if (ns || policy.serviceAccountSelector) {
      const where = !ns || (ns.matchesAll && !ns.invalid) ? 'in every namespace' : `in namespaces ${selectorCode(ns)}`;
      text = `${all ? 'all pods' : `pods ${selectorCode(sel)}`} ${where}`;
    } else {
      text = all
        ? 'every endpoint: all pods in every namespace and all host endpoints'
        : `endpoints ${selectorCode(sel)} (pods in any namespace and host endpoints)`;
    }
  } else {
    text = `${all ? 'all pods' : `pods ${selectorCode(sel)}`} ${namespacePhrase(policy)}`;
  }
  if (policy.serviceAccountSelector) {
    text += ` running as service accounts matching ${selectorCode(policy.serviceAccountSelector)}`;
  }
  return text;
}

export function orderPhrase(policy: PolicyFacts): string {
  return policy.order === undefined ? 'no order (after every ordered policy in the tier)' : `order ${policy.order}`;
}

export function typesPhrase(policy: PolicyFacts): string {
  if (policy.types.length === 0) return 'no direction';
  if (policy.types.length === 2) return 'ingress and egress';
  return `${policy.types[0]} only`;
}

/** The first rule that matches every packet and ends evaluation; rules after it are never reached. */
export function terminalRule(rules: RuleFacts[]): RuleFacts | undefined {
  return rules.find((r) => r.matchesEverything && (r.action === 'Allow' || r.action === 'Deny' || r.action === 'Pass'));
}

function toOrFrom(direction: Direction): string {
  return direction === 'ingress' ? 'to' : 'from';
}

/** What the end of the policy's tier does with traffic that reached it, unless a later policy decides. */
function tierEndClause(policy: PolicyFacts): string {
  const tier = code(policy.tier.name);
  switch (policy.tier.defaultAction) {
    case 'Deny':
      return `is denied unless a later policy in tier ${tier} allows or passes it`;
    case 'Pass':
      return `passes on to the next tier unless a later policy in tier ${tier} allows or denies it`;
    default:
      return `gets the default action of tier ${tier} (Deny unless that Tier sets Pass) unless a later policy in the tier allows, denies or passes it`;
  }
}

/** A runs-before-conntrack/DNAT policy: the end-of-tier outcome is not described, only the rules. */
function isRawStage(policy: PolicyFacts): boolean {
  return policy.doNotTrack || policy.preDNAT;
}

/**
 * What happens to traffic of one direction that no rule of this policy decides, as one clause
 * (docs/semantics.md, "Types defaulting" and "Evaluation").
 */
export function unmatchedClause(policy: PolicyFacts, direction: Direction): string {
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  const noun = selectedNoun(policy);
  if (!policy.types.includes(direction)) {
    const ignored = policy.ignoredDirections.includes(direction)
      ? `; its ${direction} rules are ignored because ${code(policy.flavor === 'kubernetes' ? 'policyTypes' : 'types')} leaves ${capitalize(direction)} out`
      : '';
    return `${direction} is not affected by this policy${ignored}`;
  }
  const terminal = terminalRule(rules);
  if (terminal) {
    const n = terminal.index + 1;
    if (terminal.action === 'Allow') return `all other ${direction} is allowed by rule ${n}, which matches everything`;
    if (terminal.action === 'Deny') return `all other ${direction} is denied by rule ${n}, which matches everything`;
    return `all other ${direction} is passed to the next tier by rule ${n}, which matches everything`;
  }
  if (isRawStage(policy)) {
    return `${direction} that no rule matches is not decided by this policy`;
  }
  const target = `${direction} ${toOrFrom(direction)} the selected ${noun}`;
  if (rules.length === 0) return `no ${direction} rules: ${target} ${tierEndClause(policy)}`;
  return `all other ${target} ${tierEndClause(policy)}`;
}

export function tierPhrase(policy: PolicyFacts): string {
  return `tier ${code(policy.tier.name)}, ${orderPhrase(policy)}`;
}

/** The one-line policy lens. */
export function policySummaryLine(policy: PolicyFacts): string {
  const parts: string[] = [];
  if (policy.staged?.action === 'Delete') {
    return `Staged (Delete), never enforced · previews deleting the enforced policy of the same name`;
  }
  // The outcomes below would only happen if the policy were enforced (docs/semantics.md, "Staged policies").
  if (policy.staged) parts.push(`Staged (${policy.staged.action}), never enforced; as if enforced`);
  parts.push(capitalize(subjectPhrase(policy)));
  parts.push(tierPhrase(policy));
  parts.push(typesPhrase(policy));
  for (const d of policy.types) parts.push(unmatchedClause(policy, d));
  return parts.join(' · ');
}

/**
 * Where Calico puts a Kubernetes policy (docs/semantics.md, "Evaluation"); a staged one is never enforced ("Staged policies"), so it
 * only says what the previewed policy would become.
 */
export function kubernetesEnforcement(policy: PolicyFacts, name = ''): string {
  const calico = policy.calicoName ? ` as ${code(policy.calicoName)}` : '';
  const where = `in tier ${code('default')} with order 1000`;
  if (policy.staged) return `Staged Kubernetes NetworkPolicy${name}: once applied as a Kubernetes NetworkPolicy, Calico would enforce it${calico} ${where}`;
  return `Kubernetes NetworkPolicy${name}: Calico enforces it${calico} ${where}`;
}

/** A short paragraph for hover. */
export function policyParagraph(policy: PolicyFacts): string {
  const sentences: string[] = [];
  const name = policy.name ? ` ${code(policy.name)}` : '';
  if (policy.flavor === 'kubernetes' && policy.staged?.action !== 'Delete') sentences.push(`${kubernetesEnforcement(policy, name)}.`);
  if (policy.staged) {
    sentences.push(`Staged (${code(policy.staged.action)}): it never affects traffic; it only previews a change.`);
    if (policy.staged.action === 'Delete') {
      sentences.push('It previews deleting the enforced policy of the same name.');
      return sentences.join(' ');
    }
    sentences.push('The rest describes it as if it were enforced.');
  }
  sentences.push(`Applies to ${subjectPhrase(policy)}.`);
  if (policy.flavor !== 'kubernetes') sentences.push(`Evaluated in ${tierPhrase(policy)}.`);
  const how = policy.typesExplicit ? 'as listed' : 'inferred from its rules';
  sentences.push(`Governs ${typesPhrase(policy)} (${how}).`);
  for (const d of ['ingress', 'egress'] as const) {
    if (policy.types.includes(d) || policy.ignoredDirections.includes(d)) sentences.push(`${capitalize(unmatchedClause(policy, d))}.`);
  }
  const flags: string[] = [];
  if (policy.doNotTrack) flags.push(code('doNotTrack'));
  if (policy.preDNAT) flags.push(code('preDNAT'));
  if (policy.applyOnForward) flags.push(code('applyOnForward'));
  if (flags.length > 0) sentences.push(`Sets ${andList(flags)}.`);
  return sentences.join(' ');
}

/** Why a rule can never take effect, if it cannot: its direction is left out of `types`, or a catch-all comes first. */
export function ruleStatus(policy: PolicyFacts, rule: RuleFacts): string | undefined {
  if (!policy.types.includes(rule.direction)) {
    const field = policy.flavor === 'kubernetes' ? 'policyTypes' : 'types';
    return `ignored: ${code(field)} leaves ${capitalize(rule.direction)} out`;
  }
  const terminal = terminalRule(rule.direction === 'ingress' ? policy.ingress : policy.egress);
  if (terminal && rule.index > terminal.index) return `never reached: rule ${terminal.index + 1} matches everything first`;
  return undefined;
}
