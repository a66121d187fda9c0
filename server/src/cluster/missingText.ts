// Sentences naming what could not be read, for the status, warnings and uncertain verdicts.
import type { MissingData } from './policySnapshot';

const NOUNS: Record<string, string> = {
  NetworkPolicy: 'cluster policies',
  GlobalNetworkPolicy: 'global network policies',
  Tier: 'tiers',
  KubernetesNetworkPolicy: 'Kubernetes network policies',
  StagedNetworkPolicy: 'staged policies',
  StagedGlobalNetworkPolicy: 'staged global policies',
  StagedKubernetesNetworkPolicy: 'staged Kubernetes policies',
  NetworkSet: 'network sets',
  GlobalNetworkSet: 'global network sets',
};

/** e.g. "cluster policies in `payments` could not be read: forbidden". */
export function missingSentence(m: MissingData): string {
  const noun = NOUNS[m.kind] ?? m.kind;
  const where = m.namespace ? ` in \`${m.namespace}\`` : '';
  return `${noun}${where} could not be read: ${m.reason}`;
}
