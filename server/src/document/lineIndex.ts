// Offset ↔ line/character conversion (UTF-16 code units, as LSP counts them); line starts are computed lazily.

export class LineIndex {
  /** Typed: a keystroke copies the unchanged starts of a long file as one block. */
  private starts: Uint32Array | undefined;

  constructor(private readonly text: string) {}

  /**
   * The index of `text`, which is `previous`'s text with [from, oldTo) replaced by [from, newTo): line starts
   * outside the edit are kept or moved, only the edited stretch is scanned.
   */
  static afterEdit(previous: LineIndex, text: string, from: number, oldTo: number, newTo: number): LineIndex {
    const index = new LineIndex(text);
    const old = previous.starts;
    if (!old) return index;
    const firstAfter = (offset: number) => {
      let lo = 0;
      let hi = old.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (old[mid] <= offset) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const keep = firstAfter(from);
    const moved = firstAfter(oldTo);
    const inserted: number[] = [];
    for (let i = text.indexOf('\n', from); i !== -1 && i < newTo; i = text.indexOf('\n', i + 1)) inserted.push(i + 1);
    const tail = old.subarray(moved);
    const starts = new Uint32Array(keep + inserted.length + tail.length);
    starts.set(old.subarray(0, keep));
    starts.set(inserted, keep);
    const at = keep + inserted.length;
    const delta = newTo - oldTo;
    if (delta === 0) starts.set(tail, at);
    else for (let k = 0; k < tail.length; k++) starts[at + k] = tail[k] + delta;
    index.starts = starts;
    return index;
  }

  private lineStarts(): Uint32Array {
    if (this.starts) return this.starts;
    const found = [0];
    const text = this.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) found.push(i + 1);
    this.starts = Uint32Array.from(found);
    return this.starts;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  positionAt(offset: number): { line: number; character: number } {
    const starts = this.lineStarts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - starts[lo] };
  }

  offsetAt(pos: { line: number; character: number }): number {
    const starts = this.lineStarts();
    if (pos.line < 0) return 0;
    if (pos.line >= starts.length) return this.text.length;
    const lineStart = starts[pos.line];
    const nextStart = pos.line + 1 < starts.length ? starts[pos.line + 1] : this.text.length;
    // The end of a line is before its line break (\n or \r\n).
    let lineEnd = nextStart;
    if (lineEnd > lineStart && this.text[lineEnd - 1] === '\n') lineEnd--;
    if (lineEnd > lineStart && this.text[lineEnd - 1] === '\r') lineEnd--;
    return Math.min(lineStart + Math.max(0, pos.character), Math.max(lineEnd, lineStart));
  }

  /** Offset of the first character of a line. */
  lineStart(line: number): number {
    const starts = this.lineStarts();
    return starts[Math.max(0, Math.min(line, starts.length - 1))];
  }
}
