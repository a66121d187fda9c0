// Expands a snippet body the way an editor does when every default placeholder is accepted (plain-text fallback, tests).
// Supports what our snippets use: $N, ${N}, ${N:default} (nestable), ${N|a,b|} (first choice), escapes \$ \} \\.

export class SnippetSyntaxError extends Error {}

export function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  return expandUntil(text, 0, false)[0];
}

/** Expands from `i` until end of text, or until an unescaped "}" when `nested`; returns [text, index]. */
function expandUntil(text: string, i: number, nested: boolean): [string, number] {
  let out = '';
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1]!)) {
      out += text[i + 1];
      i += 2;
    } else if (c === '}' && nested) {
      return [out, i];
    } else if (c === '$') {
      const [value, next] = placeholder(text, i);
      out += value;
      i = next;
    } else {
      out += c;
      i += 1;
    }
  }
  if (nested) throw new SnippetSyntaxError('unclosed "${"');
  return [out, i];
}

function placeholder(text: string, i: number): [string, number] {
  const simple = /^\$(\d+)/.exec(text.slice(i));
  if (simple) return ['', i + simple[0].length];
  if (/^\$[A-Za-z_]/.test(text.slice(i))) throw new SnippetSyntaxError(`variables are not used in our snippets (at ${i})`);
  const head = /^\$\{(\d+)([:|}])/.exec(text.slice(i));
  if (!head) throw new SnippetSyntaxError(`bad placeholder at ${i}: ${text.slice(i, i + 12)}`);
  const after = i + head[0].length;
  if (head[2] === '}') return ['', after];
  if (head[2] === ':') {
    const [value, close] = expandUntil(text, after, true);
    return [value, close + 1];
  }
  const close = text.indexOf('|}', after);
  if (close < 0) throw new SnippetSyntaxError(`unclosed choice at ${i}`);
  const choices = text.slice(after, close).split(',');
  if (choices.length === 0 || choices[0] === '') throw new SnippetSyntaxError(`empty choice at ${i}`);
  return [choices[0]!, close + 2];
}
