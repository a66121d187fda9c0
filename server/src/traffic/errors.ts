// Errors a query can raise: an endpoint nobody knows (with the closest names), or a malformed question.
import { levenshtein } from '../schema/editDistance';

export class UnknownEndpointError extends Error {
  constructor(
    readonly endpoint: string,
    readonly suggestions: string[],
  ) {
    super(`unknown endpoint '${endpoint}'${suggestions.length ? `; closest: ${suggestions.join(', ')}` : ''}`);
    this.name = 'UnknownEndpointError';
  }
}

export class FlowQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowQueryError';
  }
}

/** Up to `limit` known names closest to `wanted`: same name in another namespace first, then by edit distance. */
export function closestNames(wanted: string, known: Iterable<string>, limit = 3): string[] {
  const name = wanted.includes('/') ? wanted.slice(wanted.indexOf('/') + 1) : wanted;
  const scored = [...known].map((k) => {
    const kName = k.slice(k.indexOf('/') + 1);
    const score = kName === name ? 0 : 1 + Math.min(levenshtein(wanted, k), levenshtein(name, kName));
    return { k, score };
  });
  scored.sort((a, b) => a.score - b.score || (a.k < b.k ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.k);
}
