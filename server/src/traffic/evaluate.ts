// Calico's evaluation for one endpoint and one direction (docs/semantics.md, "Evaluation"): tiers by order, the policies of each
// tier that select the endpoint, rules top to bottom; Allow/Deny end, Log goes on, Pass leaves the tier, the
// end of a tier with a participating policy applies its default action, and the profile allows the rest.
import type { Direction } from '../model';
import type { DecidedBy, FlowSide, PolicyTrace, RuleTrace, SideTrace, TierTrace, Verdict } from '../../../protocol/traffic';
import type { CompiledPolicy, CompiledRule, FlowContext, TierInfo, TrafficModel, Workload } from './types';
import { comparePolicies } from './policies';

export type PolicySet = 'enforced' | 'staged';

interface TierPlan {
  tier: TierInfo;
  policies: CompiledPolicy[];
}

interface Plan {
  tiers: TierPlan[];
  uncertain: string[];
}

/** A rule that failed on exactly one criterion (and nothing uncertain): the nearest miss candidates. */
export interface MissCandidate {
  tier: string;
  policy: CompiledPolicy;
  rule: CompiledRule;
  criterion: string;
  requirement: string;
}

export interface SideOutcome {
  verdict: Verdict;
  decidedBy: DecidedBy;
  trace: SideTrace;
  uncertain: string[];
  misses: MissCandidate[];
}

/** The policies a set holds: the enforced ones, or those with staged policies standing in (Delete removes). */
export function policiesOf(model: TrafficModel, set: PolicySet): CompiledPolicy[] {
  if (set === 'enforced') return model.enforced;
  const key = 'policies|staged';
  const hit = model.cache.get(key) as CompiledPolicy[] | undefined;
  if (hit) return hit;
  const byKey = new Map<string, CompiledPolicy | null>();
  for (const p of model.enforced) byKey.set(p.key, p);
  for (const s of model.staged) {
    const action = s.staged?.action ?? 'Set';
    if (action === 'Delete') byKey.set(s.key, null);
    else if (action === 'Set') byKey.set(s.key, s);
  }
  const out = [...byKey.values()].filter((p): p is CompiledPolicy => p !== null);
  const sorted = out.sort(comparePolicies);
  model.cache.set(key, sorted);
  return sorted;
}

function planFor(model: TrafficModel, set: PolicySet, w: Workload, direction: Direction): Plan {
  const key = `plan|${set}|${direction}|${w.id}`;
  const hit = model.cache.get(key) as Plan | undefined;
  if (hit) return hit;
  const byTier = new Map<string, CompiledPolicy[]>();
  const uncertain: string[] = [];
  for (const p of policiesOf(model, set)) {
    if (!p.types.includes(direction)) continue;
    const r = p.selects(w);
    if (!r.ok) continue;
    if (r.uncertain) uncertain.push(r.uncertain);
    let list = byTier.get(p.tier);
    if (!list) byTier.set(p.tier, (list = []));
    list.push(p);
  }
  const tiers: TierPlan[] = [];
  for (const name of model.tierOrder) {
    const policies = byTier.get(name);
    if (policies) tiers.push({ tier: model.tiers.get(name)!, policies });
  }
  const plan = { tiers, uncertain };
  model.cache.set(key, plan);
  return plan;
}

interface RuleOutcome {
  matched: boolean;
  trace: RuleTrace;
  uncertain: string[];
  certainFailures: number;
  firstFailure?: { name: string; requirement: string };
}

const NO_UNCERTAINTY: string[] = [];

function tryRule(rule: CompiledRule, ctx: FlowContext, lean: boolean): RuleOutcome {
  let certainFailures = 0;
  let firstCertain: { name: string; requirement: string } | undefined;
  let firstAssumed: { name: string; requirement: string; why: string } | undefined;
  let uncertain = NO_UNCERTAINTY;
  for (const c of rule.criteria) {
    const r = c.test(ctx);
    if (r.uncertain) {
      if (uncertain === NO_UNCERTAINTY) uncertain = [];
      uncertain.push(r.uncertain);
      if (!r.ok && !firstAssumed) firstAssumed = { name: c.name, requirement: c.requirement, why: r.uncertain };
    } else if (!r.ok) {
      certainFailures++;
      firstCertain ??= { name: c.name, requirement: c.requirement };
    }
  }
  const trace: RuleTrace = { ruleIndex: rule.index, action: rule.action, matched: false };
  if (rule.location) trace.location = rule.location;
  if (firstCertain) {
    if (!lean) trace.failed = { criterion: firstCertain.name, detail: `requires ${firstCertain.requirement}` };
    return { matched: false, trace, uncertain: NO_UNCERTAINTY, certainFailures, firstFailure: firstCertain };
  }
  if (firstAssumed) {
    if (!lean) trace.failed = { criterion: firstAssumed.name, detail: `requires ${firstAssumed.requirement}; taken as not matching because ${firstAssumed.why}` };
    return { matched: false, trace, uncertain, certainFailures: 0 };
  }
  trace.matched = true;
  return { matched: true, trace, uncertain, certainFailures: 0 };
}

function finish(model: TrafficModel, set: PolicySet, out: SideOutcome, verdict: Verdict, decidedBy: DecidedBy): SideOutcome {
  out.verdict = verdict;
  out.decidedBy = decidedBy;
  out.trace.verdict = verdict;
  if (decidedBy.reason === 'profile') out.trace.profile = 'allow';
  if (model.mixedSources && decidedBy.policy) {
    const policy = policiesOf(model, set).find((p) => p.name === decidedBy.policy);
    if (policy) decidedBy.source = policy.source;
  }
  return out;
}

/**
 * Judges one side of a flow at `endpoint` (egress at the source, ingress at the destination). With `lean`
 * (the matrix) no trace or nearest-miss candidates are kept, only the verdict, decision and uncertainty.
 */
export function evaluateSide(model: TrafficModel, set: PolicySet, side: FlowSide, endpoint: Workload, ctx: FlowContext, lean = false): SideOutcome {
  const plan = planFor(model, set, endpoint, side);
  const tiers: TierTrace[] = [];
  const out: SideOutcome = {
    verdict: 'allow',
    decidedBy: PROFILE[side],
    trace: { side, endpoint: endpoint.id, tiers, verdict: 'allow' },
    uncertain: plan.uncertain.length ? [...plan.uncertain] : [],
    misses: [],
  };
  for (const { tier, policies } of plan.tiers) {
    const tierTrace: TierTrace = { tier: tier.name, order: tier.order ?? null, defaultAction: tier.defaultAction, policies: [], outcome: 'end-of-tier-deny' };
    if (!lean) tiers.push(tierTrace);
    let passed = false;
    for (const policy of policies) {
      const pt: PolicyTrace = { policy: policy.name, kind: policy.kind, order: policy.order ?? null, outcome: 'no-match', rules: [], source: policy.source };
      if (!lean) {
        if (policy.location) pt.location = policy.location;
        tierTrace.policies.push(pt);
      }
      const rules = side === 'ingress' ? policy.ingress : policy.egress;
      for (const rule of rules) {
        const r = tryRule(rule, ctx, lean);
        if (!lean) pt.rules.push(r.trace);
        if (r.uncertain.length) out.uncertain.push(...r.uncertain);
        if (!r.matched) {
          if (!lean && r.certainFailures === 1 && r.firstFailure && rule.action === 'Allow')
            out.misses.push({ tier: tier.name, policy, rule, criterion: r.firstFailure.name, requirement: r.firstFailure.requirement });
          continue;
        }
        if (rule.action === 'Log') continue;
        if (rule.action === 'Pass') {
          pt.outcome = 'pass';
          tierTrace.outcome = 'pass';
          passed = true;
          break;
        }
        const verdict: Verdict = rule.action === 'Allow' ? 'allow' : 'deny';
        pt.outcome = verdict;
        tierTrace.outcome = verdict;
        return finish(model, set, out, verdict, { side, tier: tier.name, policy: policy.name, ruleIndex: rule.index, reason: 'rule' });
      }
      if (passed) break;
    }
    if (passed) continue;
    if (tier.defaultAction === 'Pass') {
      tierTrace.outcome = 'end-of-tier-pass';
      continue;
    }
    tierTrace.outcome = 'end-of-tier-deny';
    return finish(model, set, out, 'deny', { side, tier: tier.name, policy: null, ruleIndex: null, reason: 'end-of-tier' });
  }
  return finish(model, set, out, 'allow', { side, tier: null, policy: null, ruleIndex: null, reason: 'profile' });
}

const PROFILE: Record<FlowSide, DecidedBy> = {
  egress: { side: 'egress', tier: null, policy: null, ruleIndex: null, reason: 'profile' },
  ingress: { side: 'ingress', tier: null, policy: null, ruleIndex: null, reason: 'profile' },
};
