// Selector checks at the exact character: parse errors (with fixes), global() placement, never-matching
// selectors and the `!=` / `not in` missing-label pitfall.
import { Scalar } from 'yaml';
import { selectorSites, valueOffsetToFileOffset, valueRangeToFileRange, type ParsedDocument, type SelectorSite } from '../document';
import { findContradiction, parseSelector, type Contradiction, type SelectorError, type SelectorNode, type SelectorParseResult, type Span } from '../selector';
import type { CheckContext } from './context';
import type { DiagnosticFix } from './types';

/** Labels Calico puts on every endpoint itself, so a negative test on them is deliberate. */
const CALICO_ADDED = /^(projectcalico\.org\/|pcns\.|pcsa\.)/;
/** Kubernetes labels every namespace with its name (docs/semantics.md, "Labels every object carries"). */
const EVERY_NAMESPACE = new Set(['kubernetes.io/metadata.name']);

/** Whether every object a selector in `field` can match carries label `key`. */
function carriedByAll(key: string, field: SelectorSite['field']): boolean {
  if (CALICO_ADDED.test(key)) return true;
  return field === 'namespaceSelector' && EVERY_NAMESPACE.has(key);
}

export function checkSelectors(ctx: CheckContext, sites: SelectorSite[]): void {
  for (const site of sites) checkSite(ctx, site);
}

/** Sites of the resource being checked (a List document checks each item separately). */
export function sitesFor(doc: ParsedDocument, resourceRoot: unknown): SelectorSite[] {
  const all = selectorSites(doc);
  if (!doc.items) return all;
  const item = doc.items.find((i) => i.node === resourceRoot);
  return all.filter((s) => s.resource === item?.resource);
}

function fieldLabel(site: SelectorSite): string {
  return site.level === 'policy' ? `\`${site.field}\`` : `\`${site.side}.${site.field}\``;
}

/** What a selector text yields on its own (independent of where it is written), shared by every site with that text. */
interface SelectorAnalysis {
  parsed: SelectorParseResult;
  contradiction?: Contradiction;
  /** The negative tests of a selector made only of `!=` / `not in` tests. */
  negatives?: Pitfall[];
}

// The same selectors repeat across documents and files; bounded so a long session cannot grow it without end.
const MAX_ANALYSES = 4096;
const analyses = new Map<string, SelectorAnalysis>();

function analyse(text: string): SelectorAnalysis {
  const hit = analyses.get(text);
  if (hit) return hit;
  const parsed = parseSelector(text);
  const analysis: SelectorAnalysis = { parsed };
  if (parsed.ok) {
    const contradiction = findContradiction(parsed.ast);
    if (contradiction) analysis.contradiction = contradiction;
    const negatives = negativeTests(parsed.ast);
    if (negatives) analysis.negatives = negatives;
  }
  if (analyses.size >= MAX_ANALYSES) analyses.delete(analyses.keys().next().value!);
  analyses.set(text, analysis);
  return analysis;
}

function checkSite(ctx: CheckContext, site: SelectorSite): void {
  const { scalar, text } = site;
  // global() placement is decided on the text (a substring test, even inside quotes), as Calico does.
  const globalAt = text.indexOf('global(');
  if (globalAt >= 0) {
    const globalRange = () => valueRangeToFileRange(ctx.file, scalar, globalAt, Math.min(text.length, globalAt + 8));
    if (site.level === 'rule' && site.field === 'selector') {
      ctx.error('ER-SEL-GLOBAL', "global() can only be used as the whole `namespaceSelector` of a rule's `source` or `destination`; Calico rejects `global(` anywhere in a `selector`, even inside a quoted value.", globalRange());
    }
    if (site.level === 'policy') {
      ctx.error('POL-SEL-GLOBAL', `global() can only be used as the whole \`namespaceSelector\` of a rule's \`source\` or \`destination\`, not in the policy's \`${site.field}\`.`, globalRange());
    }
    if (site.level === 'rule' && site.field === 'namespaceSelector' && text.trim() !== 'global()') {
      ctx.error('ER-NS-GLOBAL', 'global() cannot be combined with other selectors; use `namespaceSelector: global()` on its own.', valueRangeToFileRange(ctx.file, scalar, 0, text.length));
    }
  }
  const { parsed, contradiction, negatives } = analyse(text);
  if (!parsed.ok) {
    const code = site.level === 'policy' ? 'POL-SEL-PARSE' : 'ER-SEL-PARSE';
    const err = parsed.error;
    const at = err.length > 0 ? valueRangeToFileRange(ctx.file, scalar, err.offset, Math.min(text.length, err.offset + err.length)) : pointAt(ctx, scalar, err.offset);
    ctx.error(code, `Invalid selector in ${fieldLabel(site)}: ${err.message}.`, at, selectorFixes(ctx, scalar, text, err));
    return;
  }
  if (contradiction) {
    ctx.warning('SEL-NEVER-MATCH', sentence(contradiction.message), valueRangeToFileRange(ctx.file, scalar, contradiction.span.start, contradiction.span.end));
  }
  // Negative tests on labels every candidate carries are deliberate; the first other one is the pitfall.
  const pitfall = site.field === 'notSelector' ? undefined : negatives?.find((n) => !carriedByAll(n.key, site.field));
  if (pitfall) reportMissingLabelPitfall(ctx, site, pitfall);
}

function pointAt(ctx: CheckContext, scalar: Scalar, offset: number) {
  const start = valueOffsetToFileOffset(ctx.file, scalar, offset);
  return { start, end: start };
}

interface Pitfall {
  key: string;
  op: '!=' | 'not in';
  span: Span;
}

/** `k != "v"` / `k not in {…}` in a selector with no positive test also matches endpoints without `k`. */
function negativeTests(ast: SelectorNode): Pitfall[] | undefined {
  const terms = ast.kind === 'and' ? ast.operands : [ast];
  const out: Pitfall[] = [];
  for (const t of terms) {
    if (t.kind === 'compare' && t.operator === '!=') out.push({ key: t.key.name, op: '!=', span: t.span });
    else if (t.kind === 'set' && t.operator === 'not in') out.push({ key: t.key.name, op: 'not in', span: t.span });
    else return undefined;
  }
  return out.length ? out : undefined;
}

function reportMissingLabelPitfall(ctx: CheckContext, site: SelectorSite, { key, op, span }: Pitfall): void {
  const insertAt = valueOffsetToFileOffset(ctx.file, site.scalar, 0);
  const fix: DiagnosticFix = { title: `Only match endpoints that have label '${key}'`, edits: [{ start: insertAt, end: insertAt, newText: `has(${key}) && ` }] };
  ctx.warning('SEL-MISSING-LABEL', `\`${key} ${op} …\` is also true for endpoints that have no \`${key}\` label at all; add \`has(${key}) && \` if you meant only labelled endpoints.`, valueRangeToFileRange(ctx.file, site.scalar, span.start, span.end), site.scalar.type === Scalar.PLAIN || site.scalar.type === Scalar.QUOTE_DOUBLE || site.scalar.type === Scalar.QUOTE_SINGLE ? [fix] : undefined);
}

/** Quick fixes for the common selector typos; each removes the error it fixes. */
function selectorFixes(ctx: CheckContext, scalar: Scalar, text: string, err: SelectorError): DiagnosticFix[] | undefined {
  const at = (start: number, end: number) => valueRangeToFileRange(ctx.file, scalar, start, end);
  const replace = (title: string, start: number, end: number, newText: string): DiagnosticFix[] => [{ title, edits: [{ ...at(start, end), newText }], isPreferred: true }];
  const found = text.slice(err.offset, err.offset + err.length);
  const quote = scalar.type === Scalar.QUOTE_DOUBLE ? "'" : '"';
  switch (err.code) {
    case 'unexpected-character':
      if (found === '=') return replace('Change = to ==', err.offset, err.offset + 1, '==');
      if (found === '&') return replace('Change & to &&', err.offset, err.offset + 1, '&&');
      if (found === '|') return replace('Change | to ||', err.offset, err.offset + 1, '||');
      return undefined;
    case 'unexpected-token': {
      const word = found.toLowerCase();
      if (word === 'and') return replace(`Change ${found} to &&`, err.offset, err.offset + err.length, '&&');
      if (word === 'or') return replace(`Change ${found} to ||`, err.offset, err.offset + err.length, '||');
      return undefined;
    }
    case 'expected-string':
    case 'expected-set-item':
      if (/^[A-Za-z0-9_.\/-]+$/.test(found)) return replace(`Quote as ${quote}${found}${quote}`, err.offset, err.offset + err.length, `${quote}${found}${quote}`);
      return undefined;
    case 'space-before-paren':
      if (/^[ \t]+$/.test(found)) return replace('Remove the space before (', err.offset, err.offset + err.length, '');
      return undefined;
    case 'illegal-whitespace': {
      const isBlock = scalar.type === Scalar.BLOCK_LITERAL || scalar.type === Scalar.BLOCK_FOLDED;
      const trailing = text.slice(err.offset).trim() === '';
      if (isBlock && trailing && scalar.range) {
        const header = scalar.range[0];
        const next = ctx.file.text[header + 1];
        if (next === '+') return [{ title: 'Use |- to drop the trailing newline', edits: [{ start: header + 1, end: header + 2, newText: '-' }], isPreferred: true }];
        if (next !== '-') return [{ title: 'Use |- to drop the trailing newline', edits: [{ start: header + 1, end: header + 1, newText: '-' }], isPreferred: true }];
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Capitalises a message and ends it with a full stop. */
function sentence(message: string): string {
  const m = message.trim();
  const s = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.?!]$/.test(s) ? s : `${s}.`;
}
