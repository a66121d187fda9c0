// The canonical form of a printed canonical form. Calico prints each negation node with its own `!`, so
// `!(!has(a))` prints as `!!has(a)`; its parser folds a run of leading `!` (an even run cancels), so printing
// that text again drops each `!!` pair. Quoted literals are copied as they are (they have no escapes).
export function reprinted(canonical: string): string {
  let out = '';
  let i = 0;
  while (i < canonical.length) {
    const ch = canonical[i];
    if (ch === '"' || ch === "'") {
      const close = canonical.indexOf(ch, i + 1);
      const end = close < 0 ? canonical.length : close + 1;
      out += canonical.slice(i, end);
      i = end;
    } else if (ch === '!' && canonical[i + 1] !== '=') {
      let run = 0;
      while (canonical[i] === '!' && canonical[i + 1] !== '=') (run++, i++);
      if (run % 2 === 1) out += '!';
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
