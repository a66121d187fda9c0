// Conformance fixtures: YAML builders with hand-placed range markers, and range assertions for the validator.
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/document';
import { validateFile, type CalicoDiagnostic, type ValidationOptions } from '../../server/src/validation';

/** `⟦…⟧` marks text a diagnostic must cover; `⟪…⟫` marks an anchor (e.g. the parent of a missing field) it must touch. */
export interface Mark {
  start: number;
  end: number;
  exact: boolean;
}

export function unmark(marked: string): { text: string; marks: Mark[] } {
  let text = '';
  const marks: Mark[] = [];
  const open: { at: number; exact: boolean }[] = [];
  for (const ch of marked) {
    if (ch === '⟦' || ch === '⟪') open.push({ at: text.length, exact: ch === '⟦' });
    else if (ch === '⟧' || ch === '⟫') {
      const o = open.pop();
      if (!o) throw new Error('unbalanced marker');
      marks.push({ start: o.at, end: text.length, exact: o.exact });
    } else text += ch;
  }
  if (open.length) throw new Error('unbalanced marker');
  return { text, marks: marks.sort((a, b) => a.start - b.start) };
}

export function lintText(text: string, options: Partial<ValidationOptions> = {}): CalicoDiagnostic[] {
  return validateFile(parseFile(text), { calicoVersion: 'latest', ...options });
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

function show(text: string, ds: CalicoDiagnostic[]): string {
  const clip = (t: string) => (t.length > 40 ? `${t.slice(0, 30)}…(${t.length} chars)` : t);
  return ds.map((d) => `${d.code}[${d.severity}] ${JSON.stringify(clip(text.slice(d.start, d.end)))}@${d.start}-${d.end}: ${clip(d.message)}`).join('\n  ') || '(none)';
}

/** Does `d` point at the mark: covering it (exact) or touching it (anchor), never straying beyond its lines? */
export function pointsAt(text: string, d: CalicoDiagnostic, m: Mark): boolean {
  const withinLines = d.start >= lineStart(text, m.start) && d.end <= lineEnd(text, Math.max(m.start, m.end - 1));
  if (m.exact) return d.start <= m.start && d.end >= m.end && withinLines;
  // An empty anchor marks a point (e.g. a trailing newline): the diagnostic must contain it.
  const touches = m.start === m.end ? d.start <= m.start && d.end >= m.start : (d.start < m.end && d.end > m.start) || (d.start === d.end && d.start >= m.start && d.start <= m.end);
  return touches && d.start >= lineStart(text, m.start);
}

/**
 * Asserts a diagnostic with `code` (or one of `codes`) covers every ⟦exact⟧ mark and touches at least one ⟪anchor⟫
 * (anchors are alternatives: a conflict between two fields may be reported at either).
 */
export function assertFlagged(marked: string, codes: string | string[], options: Partial<ValidationOptions> = {}): CalicoDiagnostic[] {
  const wanted = Array.isArray(codes) ? codes : [codes];
  const { text, marks } = unmark(marked);
  const ds = lintText(text, options);
  const withCode = ds.filter((d) => wanted.includes(d.code));
  assert.ok(withCode.length > 0, `expected ${wanted.join(' or ')}; got:\n  ${show(text, ds)}`);
  for (const m of marks.filter((k) => k.exact)) {
    assert.ok(
      withCode.some((d) => pointsAt(text, d, m)),
      `no ${wanted.join('/')} covering ${JSON.stringify(text.slice(m.start, m.end))} (${m.start}-${m.end}); got:\n  ${show(text, ds)}`,
    );
  }
  const anchors = marks.filter((k) => !k.exact);
  if (anchors.length) {
    assert.ok(
      anchors.some((m) => withCode.some((d) => pointsAt(text, d, m))),
      `no ${wanted.join('/')} at any of ${anchors.map((m) => JSON.stringify(text.slice(m.start, m.end))).join(', ')}; got:\n  ${show(text, ds)}`,
    );
  }
  return withCode;
}

/** Asserts the text lints with no error (warnings and hints are allowed unless `strict`). */
export function assertClean(text: string, options: Partial<ValidationOptions> = {}, strict = false): void {
  const ds = lintText(text, options).filter((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
  assert.deepEqual(ds.length, 0, `expected no ${strict ? 'errors or warnings' : 'errors'}; got:\n  ${show(text, ds)}`);
}

/** Removes the common indentation and a leading newline, so fixtures can be written inline. */
export function dedent(block: string): string {
  const lines = block.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const pad = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(pad)).join('\n');
}

export function indent(block: string, by: number): string {
  return dedent(block)
    .split('\n')
    .map((l) => (l ? ' '.repeat(by) + l : l))
    .join('\n');
}

const header = (kind: string, name: string, namespace?: string, extraMeta = '') =>
  `apiVersion: projectcalico.org/v3\nkind: ${kind}\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}${extraMeta ? indent(extraMeta, 2) + '\n' : ''}`;

/** A NetworkPolicy in namespace `shop` with the given spec body. */
export const np = (spec: string, name = 'web', extraMeta = '') => `${header('NetworkPolicy', name, 'shop', extraMeta)}spec:\n${indent(spec, 2)}\n`;
export const gnp = (spec: string, name = 'web', extraMeta = '') => `${header('GlobalNetworkPolicy', name, undefined, extraMeta)}spec:\n${indent(spec, 2)}\n`;
export const snp = (spec: string, name = 'web') => `${header('StagedNetworkPolicy', name, 'shop')}spec:\n${indent(spec, 2)}\n`;
export const sgnp = (spec: string, name = 'web') => `${header('StagedGlobalNetworkPolicy', name)}spec:\n${indent(spec, 2)}\n`;
export const sknp = (spec: string, name = 'web') => `${header('StagedKubernetesNetworkPolicy', name, 'shop')}spec:\n${indent(spec, 2)}\n`;
export const resource = (kind: string, name: string, spec: string, namespace?: string, extraMeta = '') =>
  `${header(kind, name, namespace, extraMeta)}${spec ? `spec:\n${indent(spec, 2)}\n` : ''}`;

/** One rule as a list item: the first line gets `- `, the rest are indented under it. */
export function ruleItem(rule: string): string {
  return dedent(rule)
    .split('\n')
    .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
    .join('\n');
}

/** A NetworkPolicy with one ingress rule. */
export const npIngress = (rule: string) => np(`selector: app == "web"\ningress:\n${ruleItem(rule)}`);
/** A NetworkPolicy with one egress rule. */
export const npEgress = (rule: string) => np(`selector: app == "web"\negress:\n${ruleItem(rule)}`);
/** A GlobalNetworkPolicy with one ingress / egress rule. */
export const gnpIngress = (rule: string) => gnp(`selector: app == "web"\ningress:\n${ruleItem(rule)}`);
export const gnpEgress = (rule: string) => gnp(`selector: app == "web"\negress:\n${ruleItem(rule)}`);
