// Warns about selector label keys that no known object in scope carries, with a "did you mean".
import type { LabelIndex, LabelScope } from './labelIndex';
import type { ParsedFile, SelectorSite } from '../document';
import { selectorSites, valueRangeToFileRange } from '../document';
import { labelReferences, parseSelector } from '../selector';
import type { CalicoDiagnostic } from '../validation/types';
import { levenshtein } from '../schema/editDistance';
import { isImplicitLabelKey } from './implicitLabels';
import { scopeForSelector } from './match';

export const UNKNOWN_LABEL_CODE = 'LABEL-UNKNOWN';

/** Validation's diagnostic model (file offsets), so callers publish these with the rest. */
export type LabelDiagnostic = CalicoDiagnostic;

/** Label keys known per scope, looked up once; share one across calls while the index is unchanged. */
export class KnownLabelKeys {
  private readonly byScope = new Map<string, Set<string>>();

  constructor(readonly index: LabelIndex) {}

  in(scope: LabelScope): Set<string> {
    const id = `${scope.kind}\u0000${scope.kind === 'namespaces' ? '' : (scope.namespace ?? '\u0001')}`;
    let keys = this.byScope.get(id);
    if (!keys) this.byScope.set(id, (keys = new Set(this.index.keys(scope).map((k) => k.key))));
    return keys;
  }
}

/** `known` may be shared between calls (same index, unchanged data) so keys are not gathered per call. */
export function unknownLabelDiagnostics(file: ParsedFile, index: LabelIndex, known = new KnownLabelKeys(index)): CalicoDiagnostic[] {
  // Never judge from an empty index: with no data every key would look unknown.
  if (!index.isLoaded()) return [];
  const out: CalicoDiagnostic[] = [];
  const keysIn = (scope: LabelScope) => known.in(scope);
  for (const doc of file.documents) {
    const sites = selectorSites(doc);
    for (const site of sites) {
      const parsed = parseSelector(site.text);
      if (!parsed.ok) continue;
      const scope = scopeForSelector(site, site.resource, siblingNamespaceSelector(site, sites));
      const known = keysIn(scope);
      if (known.size === 0) continue; // nothing known in this scope: no basis for a warning
      for (const { key } of labelReferences(parsed.ast)) {
        if (known.has(key.name) || isImplicitLabelKey(key.name)) continue;
        const range = valueRangeToFileRange(file, site.scalar, key.span.start, key.span.end);
        const suggestion = closestKey(key.name, known);
        const diagnostic: CalicoDiagnostic = {
          code: UNKNOWN_LABEL_CODE,
          severity: 'warning',
          message: `No known ${describeScope(scope)} has the label "${key.name}" (${index.describeSources()}).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          start: range.start,
          end: range.end,
        };
        if (suggestion) diagnostic.fixes = [{ title: `Change to "${suggestion}"`, isPreferred: true, edits: [{ start: range.start, end: range.end, newText: suggestion }] }];
        out.push(diagnostic);
      }
    }
  }
  return out;
}

function siblingNamespaceSelector(site: SelectorSite, sites: SelectorSite[]): string | undefined {
  if (site.level !== 'rule' || site.field === 'namespaceSelector') return undefined;
  const depth = site.field === 'serviceAccounts.selector' ? 2 : 1;
  const base = site.path.slice(0, site.path.length - depth).join('\u0000');
  const sibling = sites.find(
    (s) => s.field === 'namespaceSelector' && s.resource === site.resource && s.path.slice(0, -1).join('\u0000') === base,
  );
  return sibling?.text;
}

function describeScope(scope: LabelScope): string {
  switch (scope.kind) {
    case 'namespaces':
      return 'namespace';
    case 'serviceAccounts':
      return scope.namespace ? `service account in namespace ${scope.namespace}` : 'service account';
    case 'endpoints':
      return scope.namespace ? `endpoint in namespace ${scope.namespace}` : 'endpoint';
  }
}

/** The known key nearest to `key` by edit distance, if it is close enough to be a likely typo. */
export function closestKey(key: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
  for (const candidate of known) {
    if (isImplicitLabelKey(candidate)) continue;
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0.5 : editDistance(key, candidate, limit);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  return levenshtein(a, b);
}
