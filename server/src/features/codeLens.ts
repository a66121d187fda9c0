// Code lenses: a summary above each policy (and how many endpoints it selects), a sentence above each rule.
// Where each lens goes is computed per document and kept while its text is unchanged; titles are filled in
// when the editor resolves a lens (it resolves only the visible ones).
import type { CodeLens, Command, Range } from 'vscode-languageserver/node';
import { documentAt, resourcesOf, type ParsedDocument, type ParsedFile } from '../document';
import type { LabelIndex } from '../labels/labelIndex';
import { InMemoryLabelSource } from '../labels/inMemorySource';
import { ExplainPolicyCommand } from '../../../protocol';
import { isExplainable, policyFacts, policySummaryLine, ruleContext, ruleSentence, ruleStatus, type PolicyFacts, type RuleFacts, type TierDefaults } from '../explain';
import { countSelectedEndpoints } from '../explain/selectedEndpoints';
import { declaredTiers } from '../model/tierCatalog';

export type LensKind = 'policy' | 'selects' | 'rule';
const KINDS: readonly LensKind[] = ['policy', 'selects', 'rule'];
const DIRECTIONS = ['ingress', 'egress'] as const;

/**
 * What a lens carries to be resolved later, kept small because every lens of the file is sent on each
 * request: [the caller's document reference, kind (0 policy, 1 selects, 2 rule), rule direction (0 ingress,
 * 1 egress), rule index]. The policy is found again from the lens's own position.
 */
export type LensData = [number, number, number?, number?];

/** A lens of a document, at a line counted from the document's first line. */
interface LensPlace {
  kind: LensKind;
  line: number;
  character: number;
  rule?: ['ingress' | 'egress', number];
}

const NO_LABELS = new InMemoryLabelSource();
/** Lens places per document (ParsedDocument's reuse invariant), for one tiers key. */
const placesCache = new WeakMap<ParsedDocument, { key: string; places: LensPlace[] }>();
/** The last lenses made from a document's places, reused while it sits at the same line with the same inputs. */
const lensesCache = new WeakMap<LensPlace[], { line: number; ref: number; labelsLoaded: boolean; lenses: CodeLens[] }>();

function tiersKey(tiers: TierDefaults): string {
  return [...tiers].map(([name, action]) => `${name}=${action}`).join(',');
}

function lineRange(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

function explainCommand(title: string, uri: string, line: number, character: number): Command {
  return { title, command: ExplainPolicyCommand, arguments: [uri, { line, character }] };
}

/** Lens titles per facts object; the explain engine reuses facts while a policy's text is unchanged. */
const titlesCache = new WeakMap<PolicyFacts, { summary: string; rules: Map<RuleFacts, string> }>();

function titlesOf(facts: PolicyFacts): { summary: string; rules: Map<RuleFacts, string> } {
  let titles = titlesCache.get(facts);
  if (!titles) titlesCache.set(facts, (titles = { summary: policySummaryLine(facts), rules: new Map() }));
  return titles;
}

function ruleTitle(facts: PolicyFacts, rule: RuleFacts, rules: Map<RuleFacts, string>): string {
  let title = rules.get(rule);
  if (title === undefined) {
    const rc = ruleContext(facts);
    const status = ruleStatus(facts, rule);
    title = status ? `${ruleSentence(rule, rc)} — ${status}` : ruleSentence(rule, rc);
    rules.set(rule, title);
  }
  return title;
}

/** Computes (and caches) a policy's lens titles ahead of the first code lens request. */
export function prepareLensTitles(facts: PolicyFacts): void {
  const titles = titlesOf(facts);
  for (const rule of [...facts.ingress, ...facts.egress]) if (rule.range) ruleTitle(facts, rule, titles.rules);
}

/** Where the lenses of one document go (computed once per text and tiers). */
function lensPlaces(file: ParsedFile, doc: ParsedDocument, tiers: TierDefaults, key: string): LensPlace[] {
  if (!doc.resource && !doc.items?.length) return [];
  const hit = placesCache.get(doc);
  if (hit && hit.key === key) return hit.places;
  const base = file.lines.positionAt(doc.start).line;
  const places: LensPlace[] = [];
  for (const { resource, node } of resourcesOf(doc)) {
    if (!isExplainable(resource)) continue;
    const facts = policyFacts(doc, resource, node, tiers);
    const at = file.lines.positionAt(node.range?.[0] ?? doc.start);
    places.push({ kind: 'policy', line: at.line - base, character: at.character });
    // Whether a count is possible does not depend on the labels (only on the selectors), so it is known here.
    if (countSelectedEndpoints(facts, NO_LABELS)) places.push({ kind: 'selects', line: at.line - base, character: at.character });
    for (const rule of [...facts.ingress, ...facts.egress]) {
      if (!rule.range) continue;
      const r = file.lines.positionAt(rule.range.start);
      places.push({ kind: 'rule', line: r.line - base, character: r.character, rule: [rule.direction, rule.index] });
    }
  }
  placesCache.set(doc, { key, places });
  return places;
}

/** Lens positions of one document, without titles (resolve them with `resolveCodeLens`). */
export function unresolvedLenses(file: ParsedFile, doc: ParsedDocument, ctx: { ref: number; labelsLoaded: boolean; tiers: TierDefaults; key?: string }): CodeLens[] {
  const places = lensPlaces(file, doc, ctx.tiers, ctx.key ?? tiersKey(ctx.tiers));
  if (places.length === 0) return [];
  const base = file.lines.positionAt(doc.start).line;
  const made = lensesCache.get(places);
  if (made && made.line === base && made.ref === ctx.ref && made.labelsLoaded === ctx.labelsLoaded) return made.lenses;
  const out: CodeLens[] = [];
  for (const p of places) {
    if (p.kind === 'selects' && !ctx.labelsLoaded) continue;
    const data: LensData = p.rule ? [ctx.ref, 2, DIRECTIONS.indexOf(p.rule[0]), p.rule[1]] : [ctx.ref, KINDS.indexOf(p.kind)];
    out.push({ range: lineRange(base + p.line, p.character), data });
  }
  lensesCache.set(places, { line: base, ref: ctx.ref, labelsLoaded: ctx.labelsLoaded, lenses: out });
  return out;
}

export { tiersKey as lensTiersKey };

/** The document reference a lens was created with (see `LensData`), if it carries one. */
export function lensDocumentRef(lens: CodeLens): number | undefined {
  const data = lens.data as unknown;
  return Array.isArray(data) && typeof data[0] === 'number' ? data[0] : undefined;
}

/** The lens with its title and command, from the file as it is now; undefined when its policy is no longer there. */
export function resolveCodeLens(file: ParsedFile, lens: CodeLens, uri: string, labels: LabelIndex | undefined): CodeLens | undefined {
  const data = lens.data as LensData | undefined;
  if (!Array.isArray(data)) return undefined;
  const kind = KINDS[data[1]];
  const { line, character } = lens.range.start;
  const offset = file.lines.offsetAt({ line, character });
  const doc = documentAt(file, offset);
  if (!doc || !kind) return undefined;
  const found = resourcesOf(doc).find(({ resource, node }) => isExplainable(resource) && node.range && (kind === 'rule' ? node.range[0] <= offset && offset <= node.range[1] : node.range[0] === offset));
  if (!found) return undefined;
  const facts = policyFacts(doc, found.resource, found.node, declaredTiers(file));
  const titles = titlesOf(facts);
  let title: string | undefined;
  if (kind === 'policy') title = titles.summary;
  else if (kind === 'selects') title = labels ? selectsTitle(facts, labels) : undefined;
  else {
    const direction = DIRECTIONS[data[2] ?? -1];
    const rule = direction ? (direction === 'ingress' ? facts.ingress : facts.egress)[data[3] ?? -1] : undefined;
    // The rule must still start where the lens is, or the lens is about a rule that moved.
    if (rule?.range && rule.range.start === offset) title = ruleTitle(facts, rule, titles.rules);
  }
  if (title === undefined) return undefined;
  return { range: lens.range, command: explainCommand(title, uri, line, character), data: lens.data };
}

function selectsTitle(facts: PolicyFacts, labels: LabelIndex): string | undefined {
  const result = countSelectedEndpoints(facts, labels);
  if (!result) return undefined;
  const noun = result.count === 1 ? 'endpoint' : 'endpoints';
  return `selects ${result.count} ${noun} (${labels.describeSources()})`;
}

/** Every lens of the file with its title (for callers that do not resolve lazily). */
export function codeLenses(file: ParsedFile, ctx: { labels?: LabelIndex; uri: string }): CodeLens[] {
  const tiers = declaredTiers(file);
  const key = tiersKey(tiers);
  const labelsLoaded = ctx.labels?.isLoaded() === true;
  const out: CodeLens[] = [];
  for (const doc of file.documents) {
    for (const lens of unresolvedLenses(file, doc, { ref: 0, labelsLoaded, tiers, key })) {
      const resolved = resolveCodeLens(file, lens, ctx.uri, ctx.labels);
      if (resolved) out.push({ range: resolved.range, command: resolved.command });
    }
  }
  return out;
}
