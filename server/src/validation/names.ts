// Name, label and annotation formats (Kubernetes qualified names; Calico's per-kind name rules).
import { kindInfo } from '../schema';

const DNS_LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${DNS_LABEL}(?:\\.${DNS_LABEL})*`;
export const subdomainRe = new RegExp(`^${SUBDOMAIN}$`);
export const dnsLabelRe = new RegExp(`^${DNS_LABEL}$`);
const npNameRe = new RegExp(`^(?:${DNS_LABEL}(?:\\.${DNS_LABEL})?|(?:knp|ossg)\\.default\\.${SUBDOMAIN})$`);
const npNameOldRe = new RegExp(`^(?:${DNS_LABEL}|knp\\.default\\.${SUBDOMAIN})$`);
const gnpNameRe = new RegExp(`^(?:${DNS_LABEL}\\.)?${DNS_LABEL}$`);
const labelNameRe = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export interface NameRule {
  pattern: RegExp;
  maxLength: number;
  /** How a valid name looks, for the message. */
  describe: string;
}

/** The name rule for a kind; `tiered` is false for releases before dotted policy names. */
export function nameRuleFor(kind: string, tiered: boolean): NameRule {
  const info = kindInfo(kind);
  const rule = info?.isPolicy ? (info.namespaced ? 'namespaced-policy' : 'global-policy') : kind;
  switch (rule) {
    case 'namespaced-policy':
      return tiered
        ? { pattern: npNameRe, maxLength: 253, describe: 'lower-case letters, digits and `-`, optionally prefixed by `<tier>.`' }
        : { pattern: npNameOldRe, maxLength: 253, describe: 'lower-case letters, digits and `-` (no dots)' };
    case 'global-policy':
      return tiered
        ? { pattern: gnpNameRe, maxLength: 253, describe: 'lower-case letters, digits and `-`, with at most one dot (`<tier>.<name>`)' }
        : { pattern: dnsLabelRe, maxLength: 253, describe: 'lower-case letters, digits and `-` (no dots)' };
    case 'Tier':
      return { pattern: dnsLabelRe, maxLength: 63, describe: 'lower-case letters, digits and `-`, no dots' };
    case 'StagedKubernetesNetworkPolicy':
      return { pattern: /^/, maxLength: 253, describe: 'any name' };
    default:
      return { pattern: subdomainRe, maxLength: 253, describe: 'lower-case letters, digits, `-` and `.`' };
  }
}

/** Why a label/annotation key is invalid, or undefined. */
export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'a key may contain at most one `/`';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'the prefix before `/` must not be empty';
    if (prefix.length > 253) return 'the prefix before `/` must be at most 253 characters';
    if (!subdomainRe.test(prefix)) return 'the prefix before `/` must be a lower-case DNS subdomain (e.g. `example.com`)';
  }
  if (name.length === 0) return 'the name part must not be empty';
  if (name.length > 63) return 'the name part must be at most 63 characters';
  if (!labelNameRe.test(name)) return 'the name part must start and end with a letter or digit and contain only letters, digits, `-`, `_` and `.`';
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return `a label value must be at most 63 characters (this one has ${value.length})`;
  if (!labelNameRe.test(value)) return 'a label value must start and end with a letter or digit and contain only letters, digits, `-`, `_` and `.`';
  return undefined;
}

/**
 * Why a Calico Enterprise domain name is invalid, or undefined: dot-separated DNS labels, where one whole
 * label may be `*` (docs/semantics.md, "Domain names").
 */
export function domainNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > 253) return `must be at most 253 characters (this one has ${name.length})`;
  const labels = (name.endsWith('.') ? name.slice(0, -1) : name).split('.');
  if (labels.some((l) => l === '')) return 'must not have an empty part (two dots in a row, or a leading dot)';
  const stars = labels.filter((l) => l.includes('*'));
  if (stars.length > 1) return 'may contain only one `*` wildcard';
  const partial = stars.find((l) => l !== '*');
  if (partial) return `uses \`*\` inside \`${partial}\`; a wildcard must be a whole part of the name, e.g. \`*.example.com\``;
  for (const l of labels) {
    if (l === '*') continue;
    if (l.length > 63) return `has a part longer than 63 characters (\`${l.slice(0, 20)}…\`)`;
    if (!/^[A-Za-z0-9](?:[-A-Za-z0-9_]*[A-Za-z0-9])?$/.test(l)) return `has an invalid part \`${l}\`: use letters, digits and \`-\`, starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Kubernetes port-name rule: ≤15 chars, a-z 0-9 -, at least one letter, no `--`, no leading/trailing `-`. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be at most 15 characters';
  if (!/^[a-z0-9-]+$/.test(name)) return 'may contain only lower-case letters, digits and `-`';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  if (name.includes('--')) return 'must not contain `--`';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not start or end with `-`';
  return undefined;
}
