// The tiers Calico creates itself, with the order and default action it requires of them (docs/semantics.md, "Tiers").

export interface BuiltinTier {
  order: number;
  defaultAction: 'Deny' | 'Pass';
}

export const builtinTiers: Readonly<Record<string, BuiltinTier>> = {
  default: { order: 1_000_000, defaultAction: 'Deny' },
  'kube-admin': { order: 1_000, defaultAction: 'Pass' },
  'kube-baseline': { order: 10_000_000, defaultAction: 'Pass' },
};
