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

/** What a lens needs to be resolved later: where its policy starts, and which rule it is about. */
export interface LensData {
  uri: string;
  kind: LensKind;
  /** Line and character of the policy's start. */
  policy: [number, number];
  /** For rule lenses: the direction and the rule's index in it. */
  rule?: ['ingress' | 'egress', number];
}

/** A lens of a document, at a line counted from the document's first line. */
interface LensPlace {
  kind: LensKind;
  line: number;
  character: number;
  policyLine: number;
  policyCharacter: number;
  rule?: ['ingress' | 'egress', number];
}

const NO_LABELS = new InMemoryLabelSource();
/** Lens places per document (ParsedDocument's reuse invariant), for one tiers key. */
const placesCache = new WeakMap<ParsedDocument, { key: string; places: LensPlace[] }>();

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
    const policy = { policyLine: at.line - base, policyCharacter: at.character };
    places.push({ kind: 'policy', line: at.line - base, character: at.character, ...policy });
    // Whether a count is possible does not depend on the labels (only on the selectors), so it is known here.
    if (countSelectedEndpoints(facts, NO_LABELS)) places.push({ kind: 'selects', line: at.line - base, character: at.character, ...policy });
    for (const rule of [...facts.ingress, ...facts.egress]) {
      if (!rule.range) continue;
      const r = file.lines.positionAt(rule.range.start);
      places.push({ kind: 'rule', line: r.line - base, character: r.character, ...policy, rule: [rule.direction, rule.index] });
    }
  }
  placesCache.set(doc, { key, places });
  return places;
}

/** Lens positions of one document, without titles (resolve them with `resolveCodeLens`). */
export function unresolvedLenses(file: ParsedFile, doc: ParsedDocument, ctx: { uri: string; labelsLoaded: boolean; tiers: TierDefaults; key?: string }): CodeLens[] {
  const places = lensPlaces(file, doc, ctx.tiers, ctx.key ?? tiersKey(ctx.tiers));
  if (places.length === 0) return [];
  const base = file.lines.positionAt(doc.start).line;
  const out: CodeLens[] = [];
  for (const p of places) {
    if (p.kind === 'selects' && !ctx.labelsLoaded) continue;
    const data: LensData = { uri: ctx.uri, kind: p.kind, policy: [base + p.policyLine, p.policyCharacter] };
    if (p.rule) data.rule = p.rule;
    out.push({ range: lineRange(base + p.line, p.character), data });
  }
  return out;
}

export { tiersKey as lensTiersKey };

/** The lens with its title and command, from the file as it is now; undefined when its policy is no longer there. */
export function resolveCodeLens(file: ParsedFile, lens: CodeLens, labels: LabelIndex | undefined): CodeLens | undefined {
  const data = lens.data as LensData | undefined;
  if (!data || !Array.isArray(data.policy)) return undefined;
  const offset = file.lines.offsetAt({ line: data.policy[0], character: data.policy[1] });
  const doc = documentAt(file, offset);
  if (!doc) return undefined;
  const found = resourcesOf(doc).find(({ resource, node }) => isExplainable(resource) && node.range?.[0] === offset);
  if (!found) return undefined;
  const facts = policyFacts(doc, found.resource, found.node, declaredTiers(file));
  const titles = titlesOf(facts);
  const { line, character } = lens.range.start;
  let title: string | undefined;
  if (data.kind === 'policy') title = titles.summary;
  else if (data.kind === 'selects') title = labels ? selectsTitle(facts, labels) : undefined;
  else if (data.rule) {
    const [direction, index] = data.rule;
    const rule = (direction === 'ingress' ? facts.ingress : facts.egress)[index];
    if (rule) title = ruleTitle(facts, rule, titles.rules);
  }
  if (title === undefined) return undefined;
  return { range: lens.range, command: explainCommand(title, data.uri, line, character), data: lens.data };
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
    for (const lens of unresolvedLenses(file, doc, { uri: ctx.uri, labelsLoaded, tiers, key })) {
      const resolved = resolveCodeLens(file, lens, ctx.labels);
      if (resolved) out.push({ range: resolved.range, command: resolved.command });
    }
  }
  return out;
}
