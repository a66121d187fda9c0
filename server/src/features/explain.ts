// The `calico/explainPolicy` request and the hover paragraph: both read the explanation engine.
import type { ParsedDocument, ParsedFile } from '../document';
import type { ExplainPolicyResult } from '../../../protocol';
import { isExplainable, policyAt, policyFacts, policyMarkdown, policyParagraph, policyTitle } from '../explain';
import { declaredTiers } from '../model/tierCatalog';
import { resourcesOf } from '../document';

/** Full Markdown for the policy at `offset` (the file's first policy when omitted); empty when there is none. */
/** A failure of the engine is thrown, never passed off as "no policy here". */
export function explainPolicy(file: ParsedFile, offset?: number): ExplainPolicyResult {
  const policy = policyAt(file, offset);
  if (!policy) return { markdown: '', title: '' };
  return { markdown: policyMarkdown(policy.facts), title: policyTitle(policy.facts) };
}

/** One paragraph about the document's policy, for hover; `offset` picks the item of a `kind: List`. */
export function policySummary(file: ParsedFile, doc: ParsedDocument, offset?: number): string | undefined {
  const candidates = resourcesOf(doc).filter((r) => isExplainable(r.resource));
  const chosen =
    (offset !== undefined ? candidates.find((c) => c.node.range && offset >= c.node.range[0] && offset <= c.node.range[1]) : undefined) ??
    candidates[0];
  if (!chosen) return undefined;
  return policyParagraph(policyFacts(doc, chosen.resource, chosen.node, declaredTiers(file)));
}
