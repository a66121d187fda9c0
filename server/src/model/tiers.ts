// What happens at the end of a tier: built-in tiers are fixed by Calico; others come from Tier resources.
import type { TierFacts } from './types';
import { builtinTiers } from '../schema/builtinTiers';

export type TierDefaults = ReadonlyMap<string, 'Deny' | 'Pass'>;


export function resolveTier(name: string, declared?: TierDefaults): TierFacts {
  const builtin = builtinTiers[name];
  if (builtin) return { name, defaultAction: builtin.defaultAction, known: 'builtin' };
  const fromFile = declared?.get(name);
  if (fromFile) return { name, defaultAction: fromFile, known: 'file' };
  return { name, known: 'unknown' };
}
