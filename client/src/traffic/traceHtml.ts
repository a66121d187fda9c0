// The body of the trace view: the verdict, what decided it, and every tier, policy and rule the flow met on each
// side, each policy and rule a link to its line. Pure HTML text, escaped; the webview script handles the clicks.
import type { DecidedBy, FlowResult, PolicyTrace, RuleTrace, SideTrace, SourceLocation, TierTrace } from '../../../protocol';
import { escapeHtml } from './escape';

const OUTCOME_WORDS: Record<string, string> = {
  allow: 'allowed',
  deny: 'denied',
  pass: 'passed to the next tier',
  'no-match': 'no rule matched',
  'end-of-tier-deny': 'denied at the end of the tier',
  'end-of-tier-pass': 'passed at the end of the tier',
};

function link(text: string, location: SourceLocation | undefined, cls = ''): string {
  const body = escapeHtml(text);
  if (!location) return `<span class="${cls}">${body}</span>`;
  const where = `${location.uri}:${location.line + 1}`;
  return `<a href="#" class="loc ${cls}" data-uri="${escapeHtml(location.uri)}" data-line="${location.line}" data-character="${location.character}" title="${escapeHtml(where)}">${body}</a>`;
}

export function flowTitle(r: Pick<FlowResult, 'from' | 'to' | 'protocol' | 'port'>): string {
  const port = r.port === undefined ? 'any port' : String(r.port);
  return `${r.from} → ${r.to}, ${r.protocol.toUpperCase()} ${port}`;
}

function verdictWord(v: 'allow' | 'deny'): string {
  return v === 'allow' ? 'allowed' : 'denied';
}

/** Finds the policy (and rule) a decision names in the trace, for its link. */
function findPolicy(result: FlowResult, d: DecidedBy): PolicyTrace | undefined {
  const side = result.trace[d.side];
  for (const tier of side?.tiers ?? []) for (const p of tier.policies) if (p.policy === d.policy && tier.tier === d.tier) return p;
  return undefined;
}

export function decidedByHtml(result: FlowResult, d: DecidedBy): string {
  const sideWords = d.side === 'egress' ? `egress at ${escapeHtml(result.from)}` : `ingress at ${escapeHtml(result.to)}`;
  if (d.reason === 'profile') return `the profile (no policy selects the endpoint for ${sideWords})`;
  if (d.reason === 'end-of-tier') return `the end of tier <b>${escapeHtml(d.tier ?? '')}</b> (its default action), ${sideWords}`;
  const policy = findPolicy(result, d);
  const rule = policy?.rules.find((r) => r.ruleIndex === d.ruleIndex);
  const policyLink = link(d.policy ?? '', policy?.location, 'policy');
  const ruleLink = d.ruleIndex === null ? '' : `, ${link(`${d.side} rule ${d.ruleIndex}`, rule?.location, 'rule')}`;
  return `${policyLink}${ruleLink} in tier <b>${escapeHtml(d.tier ?? '')}</b>, ${sideWords}${d.source ? ` (${escapeHtml(d.source)})` : ''}`;
}

function ruleHtml(rule: RuleTrace): string {
  const status = rule.matched ? '<span class="match">matched</span>' : `<span class="miss">no match</span>`;
  const why = rule.failed ? ` — <code>${escapeHtml(rule.failed.criterion)}</code>: ${escapeHtml(rule.failed.detail)}` : '';
  return `<li class="rule ${rule.matched ? 'matched' : 'missed'}">${link(`rule ${rule.ruleIndex}`, rule.location, 'rule')} <code>${escapeHtml(rule.action)}</code> ${status}${why}</li>`;
}

function policyHtml(p: PolicyTrace, focus: string | undefined): string {
  const order = p.order === null ? 'no order' : `order ${p.order}`;
  const source = p.source ? `, ${escapeHtml(p.source)}` : '';
  const rules = p.rules.length ? `<ol class="rules">${p.rules.map(ruleHtml).join('')}</ol>` : '<p class="empty">no rules for this direction</p>';
  return `<li class="policy outcome-${escapeHtml(p.outcome)}${p.policy === focus ? ' focus' : ''}">${link(p.policy, p.location, 'policy')} <span class="meta">${escapeHtml(p.kind)}, ${order}${source}</span> → <b>${escapeHtml(OUTCOME_WORDS[p.outcome] ?? p.outcome)}</b>${rules}</li>`;
}

function tierHtml(t: TierTrace, focus: string | undefined): string {
  const order = t.order === null ? 'no order' : `order ${t.order}`;
  return `<li class="tier"><b>tier ${escapeHtml(t.tier)}</b> <span class="meta">${order}, default ${escapeHtml(t.defaultAction)}</span> → <b>${escapeHtml(OUTCOME_WORDS[t.outcome] ?? t.outcome)}</b><ul class="policies">${t.policies.map((p) => policyHtml(p, focus)).join('')}</ul></li>`;
}

function sideHtml(heading: string, side: SideTrace | undefined, note: string, focus: string | undefined): string {
  if (!side) return `<section class="side"><h2>${escapeHtml(heading)}</h2><p class="empty">${escapeHtml(note)}</p></section>`;
  const profile = side.profile ? `<p>No tier decided: the profile <b>${escapeHtml(side.profile)}</b>s the flow.</p>` : '';
  const tiers = side.tiers.length ? `<ol class="tiers">${side.tiers.map((t) => tierHtml(t, focus)).join('')}</ol>` : '<p class="empty">No policy selects this endpoint for this direction.</p>';
  return `<section class="side"><h2>${escapeHtml(heading)} <span class="verdict v-${side.verdict}">${verdictWord(side.verdict)}</span></h2>${tiers}${profile}</section>`;
}

export function traceBody(result: FlowResult, focusPolicy?: string): string {
  const parts: string[] = [];
  parts.push(`<h1><span class="verdict v-${result.verdict}">${verdictWord(result.verdict)}</span> ${escapeHtml(flowTitle(result))}</h1>`);
  parts.push(`<p class="decided">Decided by ${decidedByHtml(result, result.decidedBy)}.</p>`);
  if (result.stagedVerdict !== result.verdict) {
    const by = result.stagedDecidedBy ? ` by ${decidedByHtml(result, result.stagedDecidedBy)}` : '';
    parts.push(`<p class="staged">With staged policies applied it would be <span class="verdict v-${result.stagedVerdict}">${verdictWord(result.stagedVerdict)}</span>${by}.</p>`);
  }
  if (result.uncertain) parts.push(`<p class="uncertain"><b>Uncertain:</b> ${escapeHtml(result.uncertain)}</p>`);
  if (result.nearestMiss) parts.push(`<p class="nearest">Nearest miss: ${link(result.nearestMiss.message, result.nearestMiss.location, 'rule')}</p>`);
  if (result.excluded?.length) {
    parts.push(`<p class="excluded">Left out because Calico would reject them:</p><ul>${result.excluded.map((e) => `<li><b>${escapeHtml(e.policy)}</b>: ${escapeHtml(e.reason)}</li>`).join('')}</ul>`);
  }
  if (focusPolicy) parts.push(`<p class="focus">Looking for <b>${escapeHtml(focusPolicy)}</b>: ${traceMentions(result, focusPolicy) ? 'it takes part in this flow (highlighted).' : 'it does not take part in this flow.'}</p>`);
  parts.push(sideHtml(`Egress at ${result.from}`, result.trace.egress, 'Not judged: the source is not a cluster endpoint.', focusPolicy));
  const ingressNote = result.trace.egress?.verdict === 'deny' ? 'Not reached: the packet is dropped at the source.' : 'Not judged: the destination is not a cluster endpoint.';
  parts.push(sideHtml(`Ingress at ${result.to}`, result.trace.ingress, ingressNote, focusPolicy));
  return `<main class="trace">${parts.join('\n')}</main>`;
}

function traceMentions(result: FlowResult, policy: string): boolean {
  for (const side of [result.trace.egress, result.trace.ingress]) for (const t of side?.tiers ?? []) if (t.policies.some((p) => p.policy === policy)) return true;
  return false;
}
