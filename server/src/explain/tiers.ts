// What happens at the end of a tier: built-in tiers are fixed by Calico; others come from Tier resources.
import type { TierFacts } from './model';

export type TierDefaults = ReadonlyMap<string, 'Deny' | 'Pass'>;

/** Built-in tiers and the default action Calico requires of them (reference §5). */
const builtinTiers: Readonly<Record<string, 'Deny' | 'Pass'>> = {
  default: 'Deny',
  'kube-admin': 'Pass',
  'kube-baseline': 'Pass',
};

export function resolveTier(name: string, declared?: TierDefaults): TierFacts {
  const builtin = builtinTiers[name];
  if (builtin) return { name, defaultAction: builtin, known: 'builtin' };
  const fromFile = declared?.get(name);
  if (fromFile) return { name, defaultAction: fromFile, known: 'file' };
  return { name, known: 'unknown' };
}
