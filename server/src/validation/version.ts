// The Calico release that introduced each version-dependent check; 'latest' means the newest behaviour.
// Every pin and its source is listed in docs/rules.md ("Version-dependent rules").

export type Release = readonly [major: number, minor: number];

/** Policy names `<tier>.<name>` admitted, with the tier prefix checked (tiers in Calico Open Source). */
export const TIERED_NAMES_SINCE: Release = [3, 28];
/** The tier prefix is no longer required or checked: a policy is named by kind, namespace and name (calico#11232). */
export const TIER_PREFIX_DROPPED_SINCE: Release = [3, 32];
/** Rules whose ports are all named may leave `protocol` out (calico#11916); numeric ports still need one. */
export const NAMED_PORTS_WITHOUT_PROTOCOL_SINCE: Release = [3, 32];
/** `notNets` with a catch-all CIDR (0.0.0.0/0, ::/0) is rejected (calico#10563; backported to 3.29.x/3.30.x patches). */
export const NOTNETS_CATCH_ALL_SINCE: Release = [3, 31];

/** Whether the configured version is at least `min` ('latest' and unparsable values count as newest). */
export function versionAtLeast(calicoVersion: string, min: Release): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(calicoVersion.trim());
  if (!m) return true;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

export function isLatest(calicoVersion: string): boolean {
  return !/^v?\d+\.\d+/.test(calicoVersion.trim());
}
