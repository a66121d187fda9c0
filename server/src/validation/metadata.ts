// Metadata checks: names per kind, the tier prefix, labels, annotations and the reserved set label.
import { isMap, isPair, isScalar, type Node, type Scalar } from 'yaml';
import type { CheckContext } from './context';
import { get, mapAt, scalarAt, stringValue } from './context';
import { labelValueProblem, nameRuleFor, qualifiedNameProblem } from './names';
import { isYaml11Boolean } from './structure';
import { TIERED_NAMES_SINCE, TIER_PREFIX_DROPPED_SINCE, versionAtLeast } from './version';
import { isPolicyKind } from '../schema';

const ANNOTATION_LIMIT = 256 * 1024;
const EXEMPT_PREFIXES = ['knp.default.', 'kcnp.kube-admin.', 'kcnp.kube-baseline.', 'ossg.'];

export function checkMetadata(ctx: CheckContext): void {
  const meta = mapAt(ctx.root, 'metadata');
  if (!meta) return;
  checkName(ctx, meta);
  checkLabels(ctx, mapAt(meta, 'labels'));
  checkAnnotations(ctx, mapAt(meta, 'annotations'));
}

function checkName(ctx: CheckContext, meta: unknown): void {
  const node = scalarAt(meta, 'name');
  const name = stringValue(node);
  if (!node || name === undefined) return;
  const { kind } = ctx.resource;
  const tiered = versionAtLeast(ctx.options.calicoVersion, TIERED_NAMES_SINCE);
  const kubernetes = ctx.resource.family === 'kubernetes';
  // Kubernetes NetworkPolicy names are plain DNS subdomains; Calico's policy name rules do not apply.
  const rule = nameRuleFor(kubernetes ? 'NetworkSet' : kind, tiered);
  if (name.length > rule.maxLength) {
    ctx.error('META-NAME-LEN', `The name is too long by ${name.length - rule.maxLength} characters (a ${kind} name may have at most ${rule.maxLength}).`, node);
    return;
  }
  if (name.length === 0) {
    ctx.error('META-NAME-FMT', 'The name must not be empty.', node);
    return;
  }
  if (!rule.pattern.test(name)) {
    const lower = name.toLowerCase();
    const fixes = lower !== name && rule.pattern.test(lower)
      ? [{ title: `Change to '${lower}'`, edits: [{ start: node.range![0], end: node.range![1], newText: lower }], isPreferred: true }]
      : undefined;
    ctx.error('META-NAME-FMT', `Invalid ${kind} name \`${name}\`: use ${rule.describe}.`, node, fixes);
    return;
  }
  if (isPolicyKind(kind) && tiered && !kubernetes && !versionAtLeast(ctx.options.calicoVersion, TIER_PREFIX_DROPPED_SINCE)) checkTierPrefix(ctx, node, name);
}

/** A dotted policy name must start with `<spec.tier>.`; an undotted name belongs to the default tier. */
function checkTierPrefix(ctx: CheckContext, node: Scalar, name: string): void {
  if (EXEMPT_PREFIXES.some((p) => name.startsWith(p))) return;
  const tierNode = scalarAt(get(ctx.root, 'spec'), 'tier');
  const tier = stringValue(tierNode) || 'default';
  const dot = name.indexOf('.');
  const bare = dot >= 0 ? name.slice(dot + 1) : name;
  if (dot >= 0 && name.slice(0, dot) === tier) return;
  if (dot < 0 && tier === 'default') return;
  const wanted = `${tier}.${bare}`;
  const message = dot >= 0
    ? `The policy name prefix \`${name.slice(0, dot)}.\` does not match its tier \`${tier}\`; name it \`${wanted}\`.`
    : `A policy in tier \`${tier}\` should be named \`${wanted}\` (the tier name, a dot, then the name).`;
  ctx.error('META-NAME-TIER', message, node, [
    { title: `Rename to '${wanted}'`, edits: [{ start: node.range![0], end: node.range![1], newText: wanted }], isPreferred: true },
  ]);
}

function checkLabels(ctx: CheckContext, labels: unknown): void {
  if (!isMap(labels)) return;
  const isSet = ctx.resource.kind === 'NetworkSet' || ctx.resource.kind === 'GlobalNetworkSet';
  for (const pair of labels.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const keyNode = pair.key as Scalar;
    const key = String(keyNode.value);
    const problem = qualifiedNameProblem(key);
    if (problem) ctx.error('META-LABEL-KEY', `Invalid label key \`${key}\`: ${problem}.`, keyNode);
    if (isSet && key === 'projectcalico.org/namespace') {
      ctx.error('SET-RESERVED-LABEL', '`projectcalico.org/namespace` is set by Calico itself and cannot be used as a label on a network set.', keyNode);
    }
    checkLabelValue(ctx, pair.value as Node | null, key);
  }
}

function checkLabelValue(ctx: CheckContext, value: Node | null, key: string): void {
  if (!value) return;
  if (!isScalar(value)) {
    ctx.error('META-LABEL-VAL', `The value of label \`${key}\` must be a string.`, value);
    return;
  }
  if (value.value === null) return;
  // Calico reads YAML 1.1, where plain yes/no/on/off/y/n are booleans, not strings.
  if (typeof value.value !== 'string' || isYaml11Boolean(value)) {
    const text = value.source ?? String(value.value);
    ctx.error('META-LABEL-VAL', `The value of label \`${key}\` must be a string; quote it: "${text}".`, value, [
      { title: `Quote as "${text}"`, edits: [{ start: value.range![0], end: value.range![1], newText: JSON.stringify(text) }], isPreferred: true },
    ]);
    return;
  }
  const problem = labelValueProblem(value.value);
  if (problem) ctx.error('META-LABEL-VAL', `Invalid value for label \`${key}\`: ${problem}.`, value);
}

/** Annotation keys and total size; rule metadata reports both problems under its own code. */
export function checkAnnotations(ctx: CheckContext, annotations: unknown, keyCode = 'META-ANNOT-KEY', sizeCode = 'META-ANNOT-SIZE'): void {
  if (!isMap(annotations)) return;
  let total = 0;
  for (const pair of annotations.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const problem = qualifiedNameProblem(key.toLowerCase());
    if (problem) ctx.error(keyCode, `Invalid annotation key \`${key}\`: ${problem}.`, pair.key as Node);
    const v = pair.value as Node | null;
    total += key.length + (isScalar(v) && v.value !== null ? String(v.value).length : 0);
  }
  if (total > ANNOTATION_LIMIT) {
    ctx.error(sizeCode, `The annotations are too large by ${total - ANNOTATION_LIMIT} bytes (at most 256 KiB in total).`, annotations);
  }
}
