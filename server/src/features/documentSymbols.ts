// Outline and breadcrumbs: each resource; for policies, Ingress/Egress groups holding rules named by their summary.
// Computed per document and kept while its text is unchanged, so a keystroke re-reads one policy.
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver/node';
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { resourcesOf, type ParsedDocument, type ParsedFile } from '../document';
import { declaredTiers } from '../model/tierCatalog';
import { isExplainable, policyFacts, ruleContext, ruleSentence, subjectPhrase, type PolicyFacts, type TierDefaults } from '../explain';

function range(file: ParsedFile, start: number, end: number): Range {
  return { start: file.lines.positionAt(start), end: file.lines.positionAt(Math.max(start, end)) };
}

function nodeSpan(node: Node | null | undefined): [number, number] | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

/** The `metadata.name` scalar, so selecting the symbol lands on the name. */
function nameSpan(node: YAMLMap): [number, number] | undefined {
  const metadata = node.get('metadata', true);
  if (!isMap(metadata)) return undefined;
  const name = metadata.get('name', true);
  return isScalar(name) ? nodeSpan(name) : undefined;
}

function directionSymbols(file: ParsedFile, node: YAMLMap, facts: PolicyFacts): DocumentSymbol[] {
  const spec = node.get('spec', true);
  if (!isMap(spec)) return [];
  const out: DocumentSymbol[] = [];
  const ctx = ruleContext(facts);
  for (const pair of spec.items) {
    const key = isScalar(pair.key) ? pair.key : undefined;
    const direction = key?.value === 'ingress' ? 'ingress' : key?.value === 'egress' ? 'egress' : undefined;
    if (!direction || !key?.range) continue;
    const keySpan = nodeSpan(key)!;
    const valueSpan = nodeSpan(pair.value as Node | null);
    const rules = direction === 'ingress' ? facts.ingress : facts.egress;
    const ignored = !facts.types.includes(direction);
    const children: DocumentSymbol[] = rules
      .filter((r) => r.range)
      .map((rule) => ({
        name: ruleSentence(rule, ctx) || `Rule ${rule.index + 1}`,
        detail: `rule ${rule.index + 1}`,
        kind: SymbolKind.Event,
        range: range(file, rule.range!.start, rule.range!.end),
        selectionRange: range(file, rule.range!.start, rule.range!.end),
      }));
    out.push({
      name: direction === 'ingress' ? 'Ingress' : 'Egress',
      detail: ignored ? 'ignored: not in types' : `${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}`,
      kind: SymbolKind.Array,
      range: range(file, keySpan[0], valueSpan ? Math.max(valueSpan[1], keySpan[1]) : keySpan[1]),
      selectionRange: range(file, keySpan[0], keySpan[1]),
      children,
    });
  }
  return out;
}

/** Inputs beyond a document's own text that its symbols depend on: the tiers the file declares. */
export function symbolsKey(tiers: TierDefaults): string {
  return [...tiers].map(([name, action]) => `${name}=${action}`).join(',');
}

interface Cached {
  key: string;
  /** Lines counted from the document's first line (ParsedDocument's reuse invariant). */
  relative: DocumentSymbol[];
  /** The symbols at the document's last known first line, reused while it has not moved by lines. */
  placedAt: number;
  placed: DocumentSymbol[];
}

const cache = new WeakMap<ParsedDocument, Cached>();

/** The symbols of one document, computed once per text (and tiers) and moved when the document moved by lines. */
export function documentSymbolsOf(file: ParsedFile, doc: ParsedDocument, tiers: TierDefaults, key = symbolsKey(tiers)): DocumentSymbol[] {
  if (!doc.resource && !doc.items?.length) return [];
  const line = file.lines.positionAt(doc.start).line;
  const hit = cache.get(doc);
  if (hit && hit.key === key) {
    if (hit.placedAt !== line) {
      hit.placed = moveSymbols(hit.relative, line);
      hit.placedAt = line;
    }
    return hit.placed;
  }
  const placed = computeSymbols(file, doc, tiers);
  cache.set(doc, { key, relative: moveSymbols(placed, -line), placedAt: line, placed });
  return placed;
}

function computeSymbols(file: ParsedFile, doc: ParsedDocument, tiers: TierDefaults): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const { resource, node } of resourcesOf(doc)) {
    const span = nodeSpan(node);
    if (!span) continue;
    const selection = nameSpan(node) ?? [span[0], span[0]];
    const symbol: DocumentSymbol = {
      name: `${resource.kind} ${resource.name ?? '(unnamed)'}`,
      kind: isExplainable(resource) ? SymbolKind.Class : SymbolKind.Struct,
      range: range(file, span[0], span[1]),
      selectionRange: range(file, selection[0], selection[1]),
    };
    if (resource.namespace) symbol.detail = resource.namespace;
    if (isExplainable(resource)) {
      const facts = policyFacts(doc, resource, node, tiers);
      // A staged Delete has no selector to describe (docs/semantics.md, "Staged policies").
      symbol.detail = facts.staged?.action === 'Delete' ? 'staged Delete: previews deleting the policy' : subjectPhrase(facts);
      symbol.children = directionSymbols(file, node, facts);
    }
    symbols.push(symbol);
  }
  return symbols;
}

function moveRange(r: Range, by: number): Range {
  return { start: { line: r.start.line + by, character: r.start.character }, end: { line: r.end.line + by, character: r.end.character } };
}

function moveSymbols(symbols: DocumentSymbol[], by: number): DocumentSymbol[] {
  return symbols.map((s) => {
    const moved: DocumentSymbol = { ...s, range: moveRange(s.range, by), selectionRange: moveRange(s.selectionRange, by) };
    if (s.children) moved.children = moveSymbols(s.children, by);
    return moved;
  });
}

const ruleCounts = new WeakMap<readonly DocumentSymbol[], number>();

/** How many rule entries a document's symbols hold (under its policies' Ingress/Egress groups). */
export function ruleSymbolCount(symbols: readonly DocumentSymbol[]): number {
  let count = ruleCounts.get(symbols);
  if (count === undefined) {
    count = 0;
    for (const s of symbols) for (const group of s.children ?? []) count += group.children?.length ?? 0;
    ruleCounts.set(symbols, count);
  }
  return count;
}

const withoutRulesCache = new WeakMap<readonly DocumentSymbol[], DocumentSymbol[]>();

/** The same symbols with the Ingress/Egress groups kept (their details count the rules) and the rules left out. */
export function withoutRuleSymbols(symbols: DocumentSymbol[]): DocumentSymbol[] {
  if (ruleSymbolCount(symbols) === 0) return symbols;
  let out = withoutRulesCache.get(symbols);
  if (!out) {
    out = symbols.map((s) => (s.children ? { ...s, children: s.children.map(({ children: _rules, ...group }) => group) } : s));
    withoutRulesCache.set(symbols, out);
  }
  return out;
}

/** Each document's symbols; rules are left out when the file holds more than `maxRules` of them. */
export function outlineParts(parts: DocumentSymbol[][], maxRules: number): DocumentSymbol[][] {
  let rules = 0;
  for (const part of parts) rules += ruleSymbolCount(part);
  return rules > maxRules ? parts.map(withoutRuleSymbols) : parts;
}

/** The outline of the whole file. */
export function documentSymbols(file: ParsedFile, maxRules = Infinity): DocumentSymbol[] {
  const tiers = declaredTiers(file);
  const key = symbolsKey(tiers);
  return outlineParts(file.documents.map((doc) => documentSymbolsOf(file, doc, tiers, key)), maxRules).flat();
}
