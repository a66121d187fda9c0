// Hover inside a selector: each operator and function explained, label keys and values with where
// they are used and how many known objects carry them, and what the whole selector matches.
import type { Range } from 'vscode-languageserver/node';
import { parseSelector, labelReferences } from '../selector';
import { selectorSites, type ParsedDocument, type ParsedFile } from '../document';
import type { LabelIndex, LabelScope } from '../labels/labelIndex';
import { matchSelector } from '../labels/match';
import { isImplicitLabelKey } from '../labels/implicitLabels';
import type { SelectorToken } from '../selector';
import { tokenizeSelector } from '../selector';
import type { SelectorAtCursor } from './selectorContext';
import { scopeAtCursor, describeScope } from './completionSelector';
import { functionDocs, operatorDocs } from './hoverSelectorDocs';

export interface SelectorHover {
  markdown: string;
  range: Range;
}

export function selectorHover(file: ParsedFile, at: SelectorAtCursor, labels: LabelIndex | undefined): SelectorHover | undefined {
  const { tokens } = tokenizeSelector(at.text);
  const token = tokens.find((t) => t.start <= at.valueOffset && at.valueOffset < t.end) ?? tokens.find((t) => t.end === at.valueOffset);
  if (!token) return undefined;
  const scope = scopeAtCursor(at);
  const parts: string[] = [];
  switch (token.kind) {
    case 'operator':
    case 'logical': {
      const d = operatorDocs[token.value ?? token.text];
      if (d) parts.push(d.doc);
      break;
    }
    case 'function': {
      const d = functionDocs[token.text];
      if (d) parts.push(d.doc);
      break;
    }
    case 'label':
      parts.push(keyMarkdown(file, at, token, labels, scope));
      break;
    case 'string': {
      const key = keyBefore(tokens, tokens.indexOf(token));
      parts.push(valueMarkdown(token.value ?? '', key, labels, scope));
      break;
    }
    default:
      return undefined;
  }
  // Known objects do not carry the profile-derived pcns./pcsa. labels, so a count would be wrong (0).
  const matches = referencesProfileLabels(at.text) ? undefined : matchesLine(at.text, labels, scope);
  if (matches) parts.push(matches);
  const range = {
    start: file.lines.positionAt(at.toFile(token.start)),
    end: file.lines.positionAt(at.toFile(token.end)),
  };
  return { markdown: parts.join('\n\n---\n\n'), range };
}

function keyBefore(tokens: SelectorToken[], index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.kind === 'label') return t.text;
    if (t.kind === 'logical' || t.kind === 'paren') return undefined;
  }
  return undefined;
}

function keyMarkdown(file: ParsedFile, at: SelectorAtCursor, token: SelectorToken, labels: LabelIndex | undefined, scope: LabelScope): string {
  const key = token.text;
  const lines = [`Label key \`${key}\``];
  const profile = profileLabelMeaning(key);
  if (profile) lines.push('', profile);
  else if (isImplicitLabelKey(key)) lines.push('', 'Calico adds this label itself.');
  if (labels?.isLoaded() && !profile) {
    const info = labels.keys(scope).find((k) => k.key === key);
    lines.push('', info ? `Carried by ${info.detail}.` : `No known ${describeScope(scope)} carry this label (${labels.describeSources()}).`);
  }
  const uses = usesInDocument(at.document, key);
  if (uses.length > 0) lines.push('', `Used in this document by: ${uses.slice(0, 5).map((u) => `\`${u}\``).join(', ')}${uses.length > 5 ? ` and ${uses.length - 5} more` : ''}`);
  return lines.join('\n');
}

function valueMarkdown(value: string, key: string | undefined, labels: LabelIndex | undefined, scope: LabelScope): string {
  const lines = [key ? `Value \`${value}\` of label \`${key}\`` : `Value \`${value}\``];
  if (key && labels?.isLoaded()) {
    const info = labels.values(scope, key).find((v) => v.value === value);
    lines.push('', info ? `\`${key}=${value}\`: ${info.detail}.` : `No known ${describeScope(scope)} have \`${key}=${value}\` (${labels.describeSources()}).`);
  }
  return lines.join('\n');
}

/** Paths of selectors in the document that mention `key`, e.g. `spec.ingress[0].source.selector`. */
function usesInDocument(doc: ParsedDocument, key: string): string[] {
  const out: string[] = [];
  for (const site of selectorSites(doc)) {
    if (!site.text.includes(key)) continue;
    const parsed = parseSelector(site.text);
    if (!parsed.ok || !labelReferences(parsed.ast).some((r) => r.key.name === key)) continue;
    const name = site.resource.name ? `${site.resource.name}: ` : '';
    out.push(name + site.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join(''));
  }
  return out;
}

/** "Matches 3 pods in yaobank-customer (cluster kind-prod): customer-7d9f…". */
function matchesLine(text: string, labels: LabelIndex | undefined, scope: LabelScope): string | undefined {
  if (!labels?.isLoaded()) return undefined;
  const parsed = parseSelector(text);
  if (!parsed.ok) return undefined;
  const m = matchSelector(labels, scope, parsed.ast);
  const [one, many] =
    scope.kind === 'namespaces' ? ['namespace', 'namespaces'] : scope.kind === 'serviceAccounts' ? ['service account', 'service accounts'] : m.samples.length > 0 && m.samples.every((s) => s.kind === 'pod') ? ['pod', 'pods'] : ['endpoint', 'endpoints'];
  const where = m.namespaces.length === 1 ? ` in ${m.namespaces[0]}` : m.namespaces.length > 1 ? ` in ${m.namespaces.length} namespaces` : '';
  const samples = m.samples.length > 0 ? `: ${m.samples.map((s) => s.name).join(', ')}${m.count > m.samples.length ? ', …' : ''}` : '';
  return `This selector matches ${m.count} ${m.count === 1 ? one : many}${where} (${labels.describeSources()})${samples}`;
}

/** Labels a workload endpoint inherits from its namespace / service-account profile (docs/semantics.md, "Labels every object carries"). */
function profileLabelMeaning(key: string): string | undefined {
  const namespace = /^pcns\.(.+)$/.exec(key);
  if (namespace) {
    return namespace[1] === 'projectcalico.org/name'
      ? "Calico adds this label to every workload endpoint: the name of the pod's namespace."
      : `Calico adds this label to every workload endpoint whose namespace has label \`${namespace[1]}\`, with the same value.`;
  }
  const account = /^pcsa\.(.+)$/.exec(key);
  if (account) {
    return account[1] === 'projectcalico.org/name'
      ? "Calico adds this label to every workload endpoint: the name of the pod's service account."
      : `Calico adds this label to every workload endpoint whose service account has label \`${account[1]}\`, with the same value.`;
  }
  return undefined;
}

function referencesProfileLabels(text: string): boolean {
  const parsed = parseSelector(text);
  return parsed.ok && labelReferences(parsed.ast).some((r) => /^(pcns|pcsa)\./.test(r.key.name));
}
