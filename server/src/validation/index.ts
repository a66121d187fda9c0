// The validator: runs every check on each resource of a document and caches the result per document text.
import { isMap, type YAMLMap } from 'yaml';
import type { ParsedDocument, ParsedFile, ResourceInfo } from '../document';
import { resourcesOf } from '../document';
import { CheckContext } from './context';
import { checkStructure } from './structure';
import { checkMetadata } from './metadata';
import { checkPolicy } from './policyChecks';
import { checkSelectors, sitesFor } from './selectorChecks';
import { checkHostEndpoint, checkNetworkSet, checkTier } from './resourceChecks';
import { checkKubernetesPolicy } from './kubernetesChecks';
import { documentDiagnostics, isForeignDocument, yamlDiagnostics } from './syntax';
import type { CalicoDiagnostic, ValidationOptions, Validator } from './types';
import { isPolicyKind } from '../schema';
import { checkEditionKind } from './edition';

export type { CalicoDiagnostic, DiagnosticFix, ValidationOptions, Validator, Severity } from './types';
export { ruleCatalog, type RuleInfo } from './catalog';

function checkResource(doc: ParsedDocument, file: ParsedFile, options: ValidationOptions, resource: ResourceInfo, root: YAMLMap): CalicoDiagnostic[] {
  if (resource.family === 'calico-crd') return [];
  const ctx = new CheckContext(file, doc, options, resource, root);
  if (checkEditionKind(ctx)) return ctx.diagnostics;
  checkStructure(ctx);
  checkMetadata(ctx);
  if (resource.family === 'kubernetes') checkKubernetesPolicy(ctx, false);
  else if (resource.kind === 'StagedKubernetesNetworkPolicy') checkKubernetesPolicy(ctx, true);
  else if (isPolicyKind(resource.kind)) {
    checkPolicy(ctx);
    checkSelectors(ctx, sitesFor(doc, root));
  } else if (resource.kind === 'NetworkSet' || resource.kind === 'GlobalNetworkSet') checkNetworkSet(ctx);
  else if (resource.kind === 'Tier') checkTier(ctx);
  else if (resource.kind === 'HostEndpoint') checkHostEndpoint(ctx);
  return ctx.diagnostics;
}

/** The checks, as named validators (for callers that want to run or list them one by one). */
export const validators: Validator[] = [
  { id: 'yaml', validate: (doc, file) => (isForeignDocument(doc) ? [] : yamlDiagnostics(doc, file.text)) },
  { id: 'document', validate: (doc) => documentDiagnostics(doc) },
  {
    id: 'resources',
    validate: (doc, file, options) => resourcesOf(doc).flatMap(({ resource, node }) => (isMap(node) ? checkResource(doc, file, options, resource, node) : [])),
  },
];

/** A failure of the checker itself: an error (the file was not fully checked), worded for a bug report. */
export function internalDiagnostic(where: string, err: unknown, at: number): CalicoDiagnostic {
  const reason = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', severity: 'error', message: `Internal error in ${where}: ${reason}. This document was not fully checked; please report it.`, start: at, end: at };
}

function overlapsTemplate(d: CalicoDiagnostic, doc: ParsedDocument): boolean {
  return doc.templateRanges.some(([s, e]) => d.start < e && (d.end > s || d.start === s));
}

function runAll(doc: ParsedDocument, file: ParsedFile, options: ValidationOptions): CalicoDiagnostic[] {
  let out: CalicoDiagnostic[] = [];
  for (const v of validators) {
    try {
      for (const d of v.validate(doc, file, options)) out.push(d);
    } catch (err) {
      // A check must never take the whole file down, nor pass it: an error where the document starts.
      out.push(internalDiagnostic(`the ${v.id} checks`, err, doc.start));
    }
  }
  if (doc.templated) out = out.filter((d) => !overlapsTemplate(d, doc));
  // Parser errors at the end of input can point one past it; keep every range inside the file.
  const max = file.text.length;
  for (const d of out) {
    d.start = Math.min(Math.max(0, d.start), max);
    d.end = Math.min(Math.max(d.start, d.end), max);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

interface CacheEntry {
  key: string;
  /** Diagnostics with offsets relative to the document start, so a moved document reuses them. */
  relative: CalicoDiagnostic[];
}

// The one cache of diagnostics (see the reuse invariant on ParsedDocument): keyed by the document object,
// which the parser reuses (moved, not re-parsed) while its text is unchanged.
const cache = new WeakMap<ParsedDocument, CacheEntry>();

function optionsKey(options: ValidationOptions): string {
  return `${options.calicoVersion}|${options.edition ?? 'auto'}|${options.knownTiers ? [...options.knownTiers].sort().join(',') : '*'}`;
}

/** A diagnostic (and its fixes) moved by `delta` characters: caches keep offsets relative to the document start. */
export function shiftDiagnostic(d: CalicoDiagnostic, delta: number): CalicoDiagnostic {
  const out: CalicoDiagnostic = { ...d, start: d.start + delta, end: d.end + delta };
  if (d.fixes) out.fixes = d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) }));
  return out;
}

/** Diagnostics for one document; cached per document (unchanged documents of an edited file are not re-checked). */
export function validateDocument(doc: ParsedDocument, file: ParsedFile, options: ValidationOptions): CalicoDiagnostic[] {
  return validateWithKey(doc, file, options, optionsKey(options));
}

function validateWithKey(doc: ParsedDocument, file: ParsedFile, options: ValidationOptions, key: string): CalicoDiagnostic[] {
  const hit = cache.get(doc);
  if (hit && hit.key === key) return hit.relative.map((d) => shiftDiagnostic(d, doc.start));
  const diagnostics = runAll(doc, file, options);
  cache.set(doc, { key, relative: diagnostics.map((d) => shiftDiagnostic(d, -doc.start)) });
  return diagnostics;
}

export function validateFile(file: ParsedFile, options: ValidationOptions): CalicoDiagnostic[] {
  const out: CalicoDiagnostic[] = [];
  const key = optionsKey(options);
  for (const doc of file.documents) for (const d of validateWithKey(doc, file, options, key)) out.push(d);
  return out;
}
