// The explanation engine: turns the policy model's facts into sentences and Markdown.
export * from '../model';
export { ruleSentence, ruleContext, entityPhrase } from './ruleSentence';
export { policySummaryLine, policyParagraph, subjectPhrase, unmatchedClause, selectedNoun, terminalRule, ruleStatus } from './policySentences';
export { policyMarkdown, policyTitle } from './markdown';
