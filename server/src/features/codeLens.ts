// Code lenses: a summary above each policy (and how many endpoints it selects), a sentence above each rule.
import type { CodeLens, Command, Range } from 'vscode-languageserver/node';
import type { ParsedFile } from '../document';
import type { LabelIndex } from '../labels/labelIndex';
import { ExplainPolicyCommand } from '../protocol';
import { policiesInFile, policySummaryLine, ruleContext, ruleSentence, ruleStatus, type PolicySource } from '../explain';
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

export function codeLenses(file: ParsedFile, ctx: { labels?: LabelIndex; uri: string }): CodeLens[] {
  const lenses: CodeLens[] = [];
  let policies: PolicySource[];
  try {
    policies = policiesInFile(file);
  } catch {
    return [];
  }
  for (const policy of policies) {
    const range = lineRange(file, policy.start);
    lenses.push({ range, command: explainCommand(policySummaryLine(policy.facts), ctx.uri, file, policy.start) });
    if (ctx.labels?.isLoaded()) {
      const selects = selectsLens(policy, file, ctx.labels, ctx.uri);
      if (selects) lenses.push(selects);
    }
    const rc = ruleContext(policy.facts);
    for (const rule of [...policy.facts.ingress, ...policy.facts.egress]) {
      if (!rule.range) continue;
      const status = ruleStatus(policy.facts, rule);
      const title = status ? `${ruleSentence(rule, rc)} — ${status}` : ruleSentence(rule, rc);
      lenses.push({ range: lineRange(file, rule.range.start), command: explainCommand(title, ctx.uri, file, rule.range.start) });
    }
  }
  return lenses;
}
