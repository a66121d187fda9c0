// Turns a selector string into the small fact the explanation needs: as written, match-all or not, valid or not.
import { parseSelector } from '../selector';
import type { SelectorFact } from './types';

export function selectorFact(text: string): SelectorFact {
  const parsed = parseSelector(text);
  if (!parsed.ok) return { text: text.trim(), matchesAll: false, invalid: parsed.error.message };
  return { text: text.trim(), matchesAll: parsed.ast.kind === 'all' };
}
