// Code lenses: a summary above each policy (and how many endpoints it selects), a sentence above each rule.
import type { CodeLens, Command, Range } from 'vscode-languageserver/node';
import type { ParsedFile } from '../document';
import type { LabelIndex } from '../labels/labelIndex';
import { ExplainPolicyCommand } from '../../../protocol';
import { policiesInFile, policySummaryLine, ruleContext, ruleSentence, ruleStatus, type PolicyFacts, type PolicySource, type RuleFacts } from '../explain';
import { countSelectedEndpoints } from '../explain/selectedEndpoints';

function lineRange(file: ParsedFile, offset: number): Range {
  const pos = file.lines.positionAt(offset);
  return { start: pos, end: pos };
}

function explainCommand(title: string, uri: string, file: ParsedFile, offset: number): Command {
  const pos = file.lines.positionAt(offset);
  return { title, command: ExplainPolicyCommand, arguments: [uri, { line: pos.line, character: pos.character }] };
}

function selectsLens(policy: PolicySource, file: ParsedFile, labels: LabelIndex, uri: string): CodeLens | undefined {
  const result = countSelectedEndpoints(policy.facts, labels);
  if (!result) return undefined;
  const noun = result.count === 1 ? 'endpoint' : 'endpoints';
  const title = `selects ${result.count} ${noun} (${labels.describeSources()})`;
  return { range: lineRange(file, policy.start), command: explainCommand(title, uri, file, policy.start) };
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

export function codeLenses(file: ParsedFile, ctx: { labels?: LabelIndex; uri: string }): CodeLens[] {
  const lenses: CodeLens[] = [];
  const policies = policiesInFile(file);
  for (const policy of policies) {
    const titles = titlesOf(policy.facts);
    const range = lineRange(file, policy.start);
    lenses.push({ range, command: explainCommand(titles.summary, ctx.uri, file, policy.start) });
    if (ctx.labels?.isLoaded()) {
      const selects = selectsLens(policy, file, ctx.labels, ctx.uri);
      if (selects) lenses.push(selects);
    }
    for (const rule of [...policy.facts.ingress, ...policy.facts.egress]) {
      if (!rule.range) continue;
      const title = ruleTitle(policy.facts, rule, titles.rules);
      lenses.push({ range: lineRange(file, rule.range.start), command: explainCommand(title, ctx.uri, file, rule.range.start) });
    }
  }
  return lenses;
}
