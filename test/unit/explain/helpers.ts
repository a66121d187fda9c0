// Builds facts and sentences from YAML text, the way the editor features do.
import { parseFile } from '../../../server/src/document';
import { policiesInFile, ruleContext, ruleSentence, type PolicyFacts } from '../../../server/src/explain';

export function factsOf(yaml: string, index = 0): PolicyFacts {
  const policies = policiesInFile(parseFile(yaml));
  const policy = policies[index];
  if (!policy) throw new Error(`no policy #${index} in:\n${yaml}`);
  return policy.facts;
}

export function sentencesOf(yaml: string): string[] {
  const facts = factsOf(yaml);
  return [...facts.ingress, ...facts.egress].map((r) => ruleSentence(r, ruleContext(facts)));
}

/** A NetworkPolicy in namespace `yaobank` with one rule under `direction`, the rule given as YAML lines. */
export function networkPolicyWithRule(direction: 'ingress' | 'egress', rule: string, kind = 'NetworkPolicy'): string {
  const namespaced = kind === 'NetworkPolicy' || kind === 'StagedNetworkPolicy';
  const body = rule
    .trim()
    .split('\n')
    .map((line, i) => (i === 0 ? `    - ${line}` : `      ${line}`))
    .join('\n');
  return `apiVersion: projectcalico.org/v3
kind: ${kind}
metadata:
  name: p
${namespaced ? '  namespace: yaobank\n' : ''}spec:
  selector: app == "api"
  ${direction}:
${body}
`;
}
