// Errors a query can raise: an endpoint nobody knows (with the closest names), or a malformed question.

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

function distance(a: string, b: string): number {
  const prev = new Array(b.length + 1).fill(0).map((_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let last = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, last + (a[i - 1] === b[j - 1] ? 0 : 1));
      last = current;
    }
  }
  return prev[b.length];
}

/** Up to `limit` known names closest to `wanted`: same name in another namespace first, then by edit distance. */
export function closestNames(wanted: string, known: Iterable<string>, limit = 3): string[] {
  const name = wanted.includes('/') ? wanted.slice(wanted.indexOf('/') + 1) : wanted;
  const scored = [...known].map((k) => {
    const kName = k.slice(k.indexOf('/') + 1);
    const score = kName === name ? 0 : 1 + Math.min(distance(wanted, k), distance(name, kName));
    return { k, score };
  });
  scored.sort((a, b) => a.score - b.score || (a.k < b.k ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.k);
}
