// Tolerant readers for plain JS values converted from YAML: wrong shapes read as "absent", never throw.

export type JsonMap = Record<string, unknown>;

export function asMap(value: unknown): JsonMap | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonMap) : undefined;
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Strings as written; numbers and booleans as their text (YAML often reads `80` or `6` as numbers). */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A non-empty string, else undefined (Calico treats an empty string field as unset). */
export function asNonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A list of scalar texts; non-scalar entries are skipped. */
export function asTextList(value: unknown): string[] {
  return asList(value)
    .map(asText)
    .filter((v): v is string => v !== undefined);
}
