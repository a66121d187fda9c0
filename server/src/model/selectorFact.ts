// Turns a selector string into the small fact the explanation needs: as written, match-all or not, valid or not.
import { compileSelector } from './compiledSelector';
import type { SelectorFact } from './types';

export function selectorFact(text: string): SelectorFact {
  const compiled = compileSelector(text);
  if (!compiled.ast) return { text: text.trim(), matchesAll: false, invalid: compiled.error ?? 'invalid selector' };
  return { text: text.trim(), matchesAll: compiled.ast.kind === 'all' };
}
