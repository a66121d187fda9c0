// Helm/Go template masking: `{{ … }}` is replaced by same-length filler so offsets survive and YAML still parses.

export interface MaskResult {
  text: string;
  /** File ranges [start, end) that were template expressions. */
  ranges: [number, number][];
}

/** Masks every `{{ … }}`; a template alone on its line becomes blanks, an inline one a plain-scalar filler. */
export function maskTemplates(text: string, base = 0): MaskResult {
  if (!text.includes('{{')) return { text, ranges: [] };
  const ranges: [number, number][] = [];
  let out = '';
  let last = 0;
  let i = text.indexOf('{{');
  while (i !== -1) {
    const close = text.indexOf('}}', i + 2);
    const end = close === -1 ? text.length : close + 2;
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd === -1) lineEnd = text.length;
    const before = text.slice(lineStart, i);
    const after = text.slice(end, lineEnd);
    const aloneOnLine = before.trim() === '' && (after.trim() === '' || after.trimStart().startsWith('{{'));
    const filler = aloneOnLine ? ' ' : '_';
    out += text.slice(last, i);
    for (let k = i; k < end; k++) out += text[k] === '\n' || text[k] === '\r' ? text[k] : filler;
    ranges.push([base + i, base + end]);
    last = end;
    i = text.indexOf('{{', end);
  }
  out += text.slice(last);
  return { text: out, ranges };
}
