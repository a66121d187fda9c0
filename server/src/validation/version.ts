// Calico releases where checked behaviour changed; 'latest' means the newest behaviour.

/** Release that admitted `<tier>.<name>` policy names and checks the tier prefix. */
export const TIERED_NAMES_SINCE = [3, 28] as const;
/**
 * First release treated as "newest" for rules the reference marks newest-only (named ports allowed without a
 * protocol, the catch-all `notNets` check). The exact release is not pinned down; we take the one after 3.30.
 */
export const NEWEST_RULES_SINCE = [3, 31] as const;

/** Whether the configured version is at least `min` ('latest' and unparsable values count as newest). */
export function versionAtLeast(calicoVersion: string, min: readonly [number, number]): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(calicoVersion.trim());
  if (!m) return true;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

export function isLatest(calicoVersion: string): boolean {
  return !/^v?\d+\.\d+/.test(calicoVersion.trim());
}
