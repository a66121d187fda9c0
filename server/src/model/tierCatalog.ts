// Tier resolution for a set of parsed files: Calico's built-in tiers, Tier resources and the `spec.tier`
// names policies use, read once per document object (the parser reuses it only while its text is unchanged).
import { isMap, isScalar } from 'yaml';
import { resourcesOf, type ParsedDocument, type ParsedFile } from '../document';
import { builtinTiers } from '../schema/builtinTiers';
import { plainValue } from './index';
import type { TierDefaults } from './tiers';
import { asMap, asText } from './values';

interface DocumentTiers {
  /** Tier resources: name and default action (Deny unless Pass is written). */
  declared: [string, 'Deny' | 'Pass'][];
  /** Tier names written in `spec.tier` of policies. */
  referenced: string[];
}

const NONE: DocumentTiers = { declared: [], referenced: [] };
const perDocument = new WeakMap<ParsedDocument, DocumentTiers>();

function tiersOfDocument(doc: ParsedDocument): DocumentTiers {
  // Documents that are no resource at all name no tier; `yaml` is not read for them (reading shifts a moved document).
  if (!doc.resource && !doc.items?.length) return NONE;
  const hit = perDocument.get(doc);
  if (hit) return hit;
  const found: DocumentTiers = { declared: [], referenced: [] };
  for (const { resource, node } of resourcesOf(doc)) {
    if (resource.kind === 'Tier' && resource.family !== 'kubernetes' && resource.name) {
      const spec = asMap(asMap(plainValue(doc, node))?.spec);
      found.declared.push([resource.name, asText(spec?.defaultAction) === 'Pass' ? 'Pass' : 'Deny']);
    }
    const spec = node.get('spec', true);
    const tier = isMap(spec) ? spec.get('tier', true) : undefined;
    if (isScalar(tier) && typeof tier.value === 'string' && tier.value) found.referenced.push(tier.value);
  }
  const result = found.declared.length || found.referenced.length ? found : NONE;
  perDocument.set(doc, result);
  return result;
}

const perFile = new WeakMap<ParsedFile, TierDefaults>();

/** Tier resources declared in the file with their default actions; same answer as `tiersInFile`, cached per document and file. */
export function declaredTiers(file: ParsedFile): TierDefaults {
  const hit = perFile.get(file);
  if (hit) return hit;
  const tiers = new Map<string, 'Deny' | 'Pass'>();
  for (const doc of file.documents) for (const [name, action] of tiersOfDocument(doc).declared) tiers.set(name, action);
  perFile.set(file, tiers);
  return tiers;
}

/** Every tier name the files can use: built-in tiers, Tier resources and `spec.tier` values; `default` first. */
export function tierNames(files: Iterable<ParsedFile>): string[] {
  const names = new Set(Object.keys(builtinTiers));
  for (const file of files) {
    for (const doc of file.documents) {
      const tiers = tiersOfDocument(doc);
      for (const [name] of tiers.declared) names.add(name);
      for (const name of tiers.referenced) names.add(name);
    }
  }
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}
