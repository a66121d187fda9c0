// The full Markdown explanation of one policy (the `calico.explainPolicy` result).
import type { Direction, PolicyFacts, RuleFacts, SelectorFact } from '../model';
import { ruleContext, ruleSentence } from './ruleSentence';
import { capitalize, code } from './words';
import { kubernetesEnforcement, subjectPhrase, terminalRule, typesPhrase, unmatchedClause } from './policySentences';

/** Table cells break on `|`, including inside code spans. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function kindLabel(policy: PolicyFacts): string {
  return policy.flavor === 'kubernetes' && policy.kind === 'NetworkPolicy' ? 'Kubernetes NetworkPolicy' : policy.kind;
}

export function policyTitle(policy: PolicyFacts): string {
  return `${kindLabel(policy)} ${policy.name ?? '(unnamed)'}`;
}

function actionEffect(rule: RuleFacts, policy: PolicyFacts): string {
  switch (rule.action) {
    case 'Allow':
      return 'Accepted; evaluation ends (no later rule, policy or tier is consulted).';
    case 'Deny':
      return 'Dropped; evaluation ends.';
    case 'Log':
      return 'Logged; evaluation continues with the next rule.';
    case 'Pass':
      return `Skips the rest of tier ${code(policy.tier.name)}; evaluation continues in the next tier that has a policy selecting the endpoint (or the endpoint's profiles after the last tier).`;
    default:
      return 'Invalid action: Calico rejects this policy.';
  }
}

function tierLine(policy: PolicyFacts): string {
  const tier = policy.tier;
  let action: string;
  if (tier.defaultAction) {
    const source = tier.known === 'builtin' ? 'built-in tier' : 'from the Tier in this file';
    action = `default action ${code(tier.defaultAction)}, ${source}`;
  } else {
    action = 'default action not known here: `Deny` unless the Tier sets `Pass`';
  }
  return `**Tier:** ${code(tier.name)} (${action}) · **Order:** ${policy.order ?? 'none (after every ordered policy in the tier)'}`;
}

function typesLine(policy: PolicyFacts): string {
  const field = policy.flavor === 'kubernetes' ? 'policyTypes' : 'types';
  let how: string;
  if (policy.typesExplicit) how = `listed in ${code(field)}`;
  else if (policy.flavor === 'kubernetes') how = `${code('policyTypes')} omitted: Ingress always, Egress because there are egress rules`;
  else how = `${code('types')} omitted, inferred from which rule lists are present`;
  if (policy.flavor === 'kubernetes' && !policy.typesExplicit && !policy.types.includes('egress')) {
    how = `${code('policyTypes')} omitted: Ingress always, Egress only when there are egress rules`;
  }
  return `**Directions:** ${typesPhrase(policy)} (${how})`;
}

function rulesSection(policy: PolicyFacts, direction: Direction): string[] {
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  const ignored = !policy.types.includes(direction);
  if (ignored && rules.length === 0) return [];
  const lines: string[] = [`## ${capitalize(direction)}${ignored ? ' (ignored)' : ''}`, ''];
  if (rules.length > 0) {
    const ctx = ruleContext(policy);
    const terminal = terminalRule(rules);
    lines.push('| # | Action | Matches | On a match |', '|---|---|---|---|');
    for (const rule of rules) {
      const unreachable = terminal !== undefined && rule.index > terminal.index;
      const effect = unreachable
        ? `Never reached: rule ${terminal.index + 1} matches everything first.`
        : actionEffect(rule, policy);
      lines.push(`| ${rule.index + 1} | ${cell(rule.action ?? '(missing)')} | ${cell(ruleSentence(rule, ctx))} | ${cell(effect)} |`);
    }
    lines.push('');
  }
  lines.push(`**Traffic no rule matches:** ${capitalize(unmatchedClause(policy, direction))}.`, '');
  return lines;
}

function allSelectors(policy: PolicyFacts): SelectorFact[] {
  const out: SelectorFact[] = [policy.selector];
  if (policy.namespaceSelector) out.push(policy.namespaceSelector);
  if (policy.serviceAccountSelector) out.push(policy.serviceAccountSelector);
  for (const rule of [...policy.ingress, ...policy.egress]) {
    for (const side of [rule.source, rule.destination]) {
      for (const s of [side.selector, side.notSelector, side.namespaceSelector, side.serviceAccountSelector]) if (s) out.push(s);
    }
    for (const peer of rule.kubernetes?.peers ?? []) {
      if (peer.podSelector) out.push(peer.podSelector);
      if (peer.namespaceSelector) out.push(peer.namespaceSelector);
    }
  }
  return out;
}

function usesGlobalNamespace(policy: PolicyFacts): boolean {
  return [...policy.ingress, ...policy.egress].some((r) =>
    [r.source, r.destination].some((side) => side.namespaceSelector !== undefined && /^[ \t]*global\([ \t]*\)[ \t]*$/.test(side.namespaceSelector.text)),
  );
}

function evaluationNotes(policy: PolicyFacts): string[] {
  const tier = code(policy.tier.name);
  const notes = [
    `Calico visits tiers in ascending order. This policy only sees a packet if every earlier tier either passed it on (by a ${code('Pass')} rule or a ${code('Pass')} default action) or had no policy selecting the endpoint.`,
    `Inside tier ${tier}, policies run in ascending ${code('order')} (policies without an order run last; ties are broken by name). Only policies that select the endpoint and include the packet's direction take part.`,
    `If some policy in tier ${tier} selects the endpoint for a direction, the tier's default action applies to traffic that no policy in the tier decides.`,
    `An endpoint that no policy selects for a direction is governed by its profiles; for Kubernetes pods the namespace profile allows everything.`,
  ];
  if (!policy.doNotTrack) {
    notes.push('Only the first packet of a connection is judged; replies and related packets of an accepted connection are allowed by connection tracking.');
  }
  return notes;
}

function selectorNotes(policy: PolicyFacts): string[] {
  const notes: string[] = [];
  const hasRules = policy.ingress.length + policy.egress.length > 0;
  if (policy.flavor === 'calico-namespaced' && hasRules) {
    notes.push(
      `Rule selectors without a ${code('namespaceSelector')} only match endpoints in the policy's own namespace; so does a rule side with only a ${code('notSelector')}. A side with only ${code('nets')} is not confined to a namespace.`,
    );
  }
  if (policy.flavor === 'calico-global' && hasRules) {
    notes.push(
      `Rule selectors without a ${code('namespaceSelector')} match endpoints in every namespace as well as host endpoints and global network sets.`,
    );
  }
  if (hasRules && policy.flavor !== 'kubernetes') {
    const kinds = policy.flavor === 'calico-global' ? 'pods (workload endpoints), network sets, host endpoints and global network sets' : 'pods (workload endpoints) and network sets';
    // In a NetworkPolicy, `namespaceSelector: global()` reaches the non-namespaced peers (docs/semantics.md, "Selector scope").
    const global = policy.flavor === 'calico-namespaced' && usesGlobalNamespace(policy)
      ? ` (and host endpoints and global network sets where a rule side uses ${code('namespaceSelector: global()')})`
      : '';
    // A notSelector reaches peers outside Calico only where nothing confines the side (GNP; docs/semantics.md, "Selector scope").
    const outside = policy.flavor === 'calico-global'
      ? ` A side with only a ${code('notSelector')} is also satisfied by peers Calico does not know (outside the cluster).`
      : '';
    notes.push(`Rule selectors match ${kinds} by their labels${global}.${outside}`);
  }
  if (allSelectors(policy).some((s) => /!=|not[ \t]*in\b/.test(s.text))) {
    notes.push(`${code('!=')} and ${code('not in')} also match endpoints that do not have the label at all.`);
  }
  if (policy.flavor === 'kubernetes') {
    notes.push(
      `An empty ${code('podSelector')} selects every pod in the policy's namespace. A rule without ${code('from')} (ingress) or ${code('to')} (egress) peers matches every peer, and a rule without ${code('ports')} matches every port; the peers of a rule are alternatives, and so are the rules.`,
      `Kubernetes NetworkPolicy rules only allow. In Calico terms, traffic of a selected pod that no rule allows continues to later policies in tier ${code('default')} and is denied at the end of the tier unless one of them allows it.`,
    );
  }
  return notes;
}

function featureNotes(policy: PolicyFacts): string[] {
  const notes: string[] = [];
  if (policy.doNotTrack) {
    notes.push(`${code('doNotTrack')}: the rules run before connection tracking and accepted packets are not tracked, so reply traffic must be allowed explicitly in the other direction. It is meant for host endpoints.`);
  }
  if (policy.preDNAT) {
    notes.push(`${code('preDNAT')}: the ingress rules run before DNAT, so they see the original destination (for example a NodePort). It is meant for host endpoints and has no egress.`);
  }
  if (policy.applyOnForward) {
    notes.push(`${code('applyOnForward')}: the policy also applies to traffic forwarded through a host endpoint.`);
  }
  const rules = [...policy.ingress, ...policy.egress];
  if (rules.some((r) => r.http)) notes.push(`${code('http')} matches are an application-layer policy feature and apply to ingress ${code('Allow')} rules only.`);
  if (rules.some((r) => r.action === 'Log')) notes.push(`${code('Log')} rules never decide anything: the packet is logged and the next rule is tried.`);
  return notes;
}

function stagedBanner(policy: PolicyFacts): string[] {
  if (!policy.staged) return [];
  const action = policy.staged.action;
  if (action === 'Delete') {
    return [`> **Staged (${code('Delete')})** — never affects traffic. It previews deleting the enforced policy of the same name.`, ''];
  }
  return [
    `> **Staged (${code(action)})** — never affects traffic. Staged policies only show what would have happened; the rest of this page describes the policy as if it were enforced.`,
    '',
  ];
}

export function policyMarkdown(policy: PolicyFacts): string {
  const lines: string[] = [`# ${kindLabel(policy)} ${code(policy.name ?? '(unnamed)')}`, ''];
  lines.push(...stagedBanner(policy));
  // A staged Delete carries no selector, types or rules (docs/semantics.md, "Staged policies"): there is nothing more to describe.
  if (policy.staged?.action === 'Delete') return lines.join('\n');
  if (policy.flavor === 'kubernetes') lines.push(`${kubernetesEnforcement(policy)}.`, '');
  lines.push(`**Applies to:** ${subjectPhrase(policy)}  `);
  lines.push(`${tierLine(policy)}  `);
  lines.push(typesLine(policy), '');
  lines.push(...rulesSection(policy, 'ingress'));
  lines.push(...rulesSection(policy, 'egress'));
  lines.push('## How Calico evaluates it', '');
  for (const note of [...evaluationNotes(policy), ...selectorNotes(policy), ...featureNotes(policy)]) lines.push(`- ${note}`);
  lines.push('');
  return lines.join('\n');
}
