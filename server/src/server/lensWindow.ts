// Which lines of a big file get code lenses: the lines the editor shows (when the client tells, see
// VisibleRangesNotification) and a margin around them. A file's every lens is parsed by the editor after each
// keystroke; lenses far off screen would only be resolved after a scroll, which asks for fresh ones anyway.

/** A file with fewer lines gets every lens. */
export const WINDOWED_FILE_LINES = 3000;
/** Lines above and below the shown ones that get lenses too, so a short scroll needs no new answer. */
export const WINDOW_MARGIN_LINES = 1000;

export interface LineSpan {
  first: number;
  last: number;
}

export class LensWindows {
  /** What each document's editors show, by URI. */
  private readonly shown = new Map<string, LineSpan>();
  /** The window each document's last lenses were sent for. */
  private readonly served = new Map<string, LineSpan>();

  /** The lines to send lenses for, or undefined for all of them (small file, or nothing known of the editor). */
  windowFor(uri: string, lineCount: number): LineSpan | undefined {
    const shown = this.shown.get(uri);
    if (!shown || lineCount < WINDOWED_FILE_LINES) {
      this.served.delete(uri);
      return undefined;
    }
    const window = { first: Math.max(0, shown.first - WINDOW_MARGIN_LINES), last: shown.last + WINDOW_MARGIN_LINES };
    this.served.set(uri, window);
    return window;
  }

  /**
   * Records what the editor shows now; true when it shows lines outside the window the last lenses were sent
   * for (the editor should then ask for lenses again).
   */
  show(uri: string, ranges: readonly { start: { line: number }; end: { line: number } }[]): boolean {
    if (ranges.length === 0) {
      this.shown.delete(uri);
      return false;
    }
    const span = { first: Math.min(...ranges.map((r) => r.start.line)), last: Math.max(...ranges.map((r) => r.end.line)) };
    this.shown.set(uri, span);
    const served = this.served.get(uri);
    return served !== undefined && (span.first < served.first || span.last > served.last);
  }

  forget(uri: string): void {
    this.shown.delete(uri);
    this.served.delete(uri);
  }
}

/** Whether lines `first`..`last` touch the window (no window: everything does). */
export function inWindow(window: LineSpan | undefined, first: number, last: number): boolean {
  return !window || (last >= window.first && first <= window.last);
}
