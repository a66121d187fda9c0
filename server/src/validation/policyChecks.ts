// Policy-level checks: tier, types, hints, GNP flags, staged policies, and the "beyond Calico" rule-order checks.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { CheckContext } from './context';
import { isSet, keyNode, mapAt, pairOf, scalarAt, scalarItems, seqAt, stringValue } from './context';
import { dnsLabelRe } from './names';
import { checkRule, type Direction } from './ruleChecks';
import { resolveTier } from '../model/tiers';
import { kindInfo } from '../schema';

const isGlobalPolicy = (kind: string) => !(kindInfo(kind)?.namespaced ?? true);
const isStaged = (kind: string) => kindInfo(kind)?.staged ?? false;

export function checkPolicy(ctx: CheckContext): void {
  const spec = mapAt(ctx.root, 'spec');
  if (!spec) return;
  const isGlobal = isGlobalPolicy(ctx.resource.kind);
  if (isStaged(ctx.resource.kind) && stringValue(scalarAt(spec, 'stagedAction')) === 'Delete') {
    checkStagedDelete(ctx, spec, ['stagedAction', 'tier']);
    return;
  }
  checkTier(ctx, spec);
  const types = checkTypes(ctx, spec);
  checkHints(ctx, spec);
  if (isGlobal) checkGlobalFlags(ctx, spec, types);
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = seqAt(spec, direction);
    if (!rules) continue;
    for (const rule of rules.items) if (isMap(rule)) checkRule(ctx, rule, direction, isGlobal);
    checkUnreachable(ctx, rules.items, direction);
  }
  checkTypesCoverage(ctx, spec, types);
}

export function checkStagedDelete(ctx: CheckContext, spec: YAMLMap, allowed: string[]): void {
  for (const pair of spec.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (allowed.includes(name) || !isSet(spec, name)) continue;
    ctx.error('STAGED-DELETE', `With \`stagedAction: Delete\` only \`${allowed.slice(1).join('`, `') || 'stagedAction'}\` may be set; remove \`${name}\`.`, pair.key as Node);
  }
}

function checkTier(ctx: CheckContext, spec: YAMLMap): void {
  const tier = scalarAt(spec, 'tier');
  const name = stringValue(tier);
  if (!tier || name === undefined || name === '') return;
  if (!dnsLabelRe.test(name) || name.length > 63) {
    ctx.error('POL-TIER-NAME', `\`${name}\` is not a valid tier name: use lower-case letters, digits and \`-\` (no dots, at most 63 characters).`, tier);
    return;
  }
  const known = ctx.options.knownTiers;
  if (known && name !== 'default' && !known.has(name)) {
    ctx.warning('POL-TIER-EXISTS', `Tier \`${name}\` was not found in the workspace or cluster; a policy can only be created in an existing tier.`, tier);
  }
}

/** Returns the explicit types (undefined when omitted). */
function checkTypes(ctx: CheckContext, spec: YAMLMap): Set<string> | undefined {
  const pair = pairOf(spec, 'types');
  if (!pair) return undefined;
  const seq = seqAt(spec, 'types');
  if (!seq) return undefined;
  if (seq.items.length === 0) {
    // Calico's validator treats an empty list as omitted, but the v3 CRD schema needs at least one entry.
    ctx.warning('POL-TYPES-EMPTY', 'An empty `types` list is treated as omitted, and clusters that check the v3 CRD schema refuse it; omit it or list `Ingress`, `Egress` or both.', seq);
    return undefined;
  }
  const seen = new Set<string>();
  for (const item of scalarItems(seq)) {
    const v = String(item.value);
    if (seen.has(v)) ctx.error('POL-TYPES-DUP', `\`${v}\` is listed more than once in \`types\`.`, item);
    seen.add(v);
  }
  return seen;
}

function checkHints(ctx: CheckContext, spec: YAMLMap): void {
  const seen = new Set<string>();
  for (const item of scalarItems(seqAt(spec, 'performanceHints'))) {
    const v = String(item.value);
    if (seen.has(v)) ctx.error('POL-HINTS', `Performance hint \`${v}\` is listed more than once.`, item);
    seen.add(v);
  }
}

function checkGlobalFlags(ctx: CheckContext, spec: YAMLMap, types: Set<string> | undefined): void {
  const dnt = scalarAt(spec, 'doNotTrack')?.value === true;
  const preDNAT = scalarAt(spec, 'preDNAT')?.value === true;
  const aof = scalarAt(spec, 'applyOnForward')?.value === true;
  if (dnt && preDNAT) ctx.error('GNP-DNT-PREDNAT', '`preDNAT` and `doNotTrack` cannot both be true.', keyNode(spec, 'preDNAT'));
  if (preDNAT) {
    const egress = seqAt(spec, 'egress');
    if (egress && egress.items.length) ctx.error('GNP-PREDNAT-EGRESS', 'A preDNAT policy cannot have egress rules.', keyNode(spec, 'egress'));
    if (types?.has('Egress')) {
      const item = scalarItems(seqAt(spec, 'types')).find((i) => i.value === 'Egress');
      ctx.error('GNP-PREDNAT-TYPE', "A preDNAT policy cannot have the 'Egress' type.", item);
    }
  }
  if ((dnt || preDNAT) && !aof) {
    const existing = scalarAt(spec, 'applyOnForward');
    const flag = dnt ? 'doNotTrack' : 'preDNAT';
    const fix = existing?.range
      ? { title: 'Set applyOnForward: true', edits: [{ start: existing.range[0], end: existing.range[1], newText: 'true' }], isPreferred: true }
      : insertAfterFix(ctx, spec, flag, 'applyOnForward: true');
    ctx.error('GNP-AOF', `\`applyOnForward\` must be true when \`${flag}\` is true.`, existing ?? keyNode(spec, flag), fix ? [fix] : undefined);
  }
}

/** A fix that adds `line` after the pair `after` in a block map, at the same indentation. */
function insertAfterFix(ctx: CheckContext, map: YAMLMap, after: string, line: string) {
  const pair = pairOf(map, after);
  const key = pair?.key as Node | undefined;
  const value = pair?.value as Node | undefined;
  if (!key?.range || map.flow) return undefined;
  const end = value?.range ? value.range[1] : key.range[1];
  const column = ctx.file.lines.positionAt(key.range[0]).character;
  return { title: `Add ${line}`, edits: [{ start: end, end, newText: `${ctx.eol}${' '.repeat(column)}${line}` }], isPreferred: true };
}

/** A rule with only an action (no match criteria) matches everything; later rules of that list never run. */
const CATCH_ALL_VERBS: Readonly<Record<string, string>> = { Allow: 'allows all {d}', Deny: 'denies all {d}', Pass: 'passes all {d} to the next tier' };

function checkUnreachable(ctx: CheckContext, rules: unknown[], direction: Direction): void {
  let catchAll: { index: number; verb: string } | undefined;
  rules.forEach((rule, i) => {
    if (!isMap(rule)) return;
    if (catchAll !== undefined) {
      const first = rule.items[0]?.key as Node | undefined;
      ctx.warning('RULE-UNREACHABLE', `This ${direction} rule can never be reached: ${direction} rule ${catchAll.index + 1} has no match criteria, so it ${catchAll.verb.replace('{d}', direction)} before this rule is tried.`, first ?? rule);
      return;
    }
    // Log continues with the next rule, and an invalid action is reported on its own (docs/semantics.md, "Evaluation").
    const verb = CATCH_ALL_VERBS[stringValue(scalarAt(rule, 'action')) ?? ''];
    if (!verb) return;
    const criteria = rule.items.filter((p) => {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      return k !== 'action' && k !== 'metadata' && isCriterion(p.value);
    });
    if (criteria.length === 0) catchAll = { index: i, verb };
  });
}

function isCriterion(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (isScalar(value)) return value.value !== null && value.value !== '';
  if (isMap(value)) return value.items.some((p) => isCriterion(p.value));
  if (value && typeof value === 'object' && 'items' in value) return (value as { items: unknown[] }).items.length > 0;
  return true;
}

/** Explicit `types` vs the rule lists: ignored rules (warning) and deny-all directions (hint). */
function checkTypesCoverage(ctx: CheckContext, spec: YAMLMap, types: Set<string> | undefined): void {
  if (!types) return;
  for (const [direction, type] of [['ingress', 'Ingress'], ['egress', 'Egress']] as const) {
    const rules = seqAt(spec, direction);
    const count = rules?.items.length ?? 0;
    if (!types.has(type) && count > 0) {
      ctx.warning('POL-TYPES-IGNORED', `\`types\` does not include ${type}, so these ${direction} rules are ignored; add ${type} to \`types\` or remove the rules.`, keyNode(spec, direction));
    }
    // Staged policies never affect traffic, so "denied" would be misleading there; for doNotTrack/preDNAT
    // policies docs/semantics.md ("Evaluation") does not settle what happens to unmatched traffic, so nothing is claimed.
    if (types.has(type) && count === 0 && !isStaged(ctx.resource.kind) && !rawStage(spec)) {
      const item = scalarItems(seqAt(spec, 'types')).find((i) => i.value === type);
      ctx.report('POL-TYPES-DENY-ALL', 'hint', `\`types\` lists ${type} but there are no ${direction} rules: ${tierEndOutcome(spec, direction)}.`, item);
    }
  }
}


function rawStage(spec: YAMLMap): boolean {
  return scalarAt(spec, 'doNotTrack')?.value === true || scalarAt(spec, 'preDNAT')?.value === true;
}

/** What the end of the policy's tier does with the selected endpoints' traffic of one direction (docs/semantics.md, "Evaluation"). */
function tierEndOutcome(spec: YAMLMap, direction: Direction): string {
  const name = stringValue(scalarAt(spec, 'tier')) || 'default';
  const tier = resolveTier(name);
  const traffic = `all ${direction} of the endpoints this policy selects`;
  if (tier.defaultAction === 'Deny') return `${traffic} is denied at the end of tier \`${name}\` unless another policy in that tier allows or passes it`;
  if (tier.defaultAction === 'Pass') return `${traffic} goes on to the next tier at the end of tier \`${name}\` unless another policy in that tier allows or denies it`;
  return `${traffic} gets the default action of tier \`${name}\` (\`Deny\` unless that Tier sets \`Pass\`) unless another policy in that tier decides it`;
}
