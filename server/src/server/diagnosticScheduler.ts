// Debounces diagnostics per document and runs at most one document's validation at a time, so a
// burst of keystrokes validates once and a big file cannot starve requests about other files.
export interface ScheduledRun {
  /** True once a newer change (or a close) made this run's result useless. */
  isStale(): boolean;
}

export class DiagnosticScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastChange = new Map<string, number>();
  private readonly generations = new Map<string, number>();
  private readonly queue: string[] = [];
  private running = false;

  constructor(
    private readonly delayMs: number,
    private readonly run: (uri: string, run: ScheduledRun) => Promise<void>,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Schedules validation of `uri`. The first change after a quiet spell is validated at once; changes
   * that follow it within the debounce delay restart the delay, so a burst of keystrokes validates once.
   */
  schedule(uri: string, delayMs = this.delayMs): void {
    this.bump(uri);
    const now = performance.now();
    const last = this.lastChange.get(uri);
    this.lastChange.set(uri, now);
    if (last === undefined || now - last > this.delayMs) delayMs = 0;
    const previous = this.timers.get(uri);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.enqueue(uri);
    }, delayMs);
    this.timers.set(uri, timer);
  }

  /** Stops pending and running work for a document (closed). */
  cancel(uri: string): void {
    this.bump(uri);
    this.lastChange.delete(uri);
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    const at = this.queue.indexOf(uri);
    if (at >= 0) this.queue.splice(at, 1);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
  }

  private bump(uri: string): number {
    const g = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, g);
    return g;
  }

  private enqueue(uri: string): void {
    if (!this.queue.includes(uri)) this.queue.push(uri);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const uri = this.queue.shift()!;
        const generation = this.generations.get(uri) ?? 0;
        const run: ScheduledRun = { isStale: () => this.generations.get(uri) !== generation };
        try {
          await this.run(uri, run);
        } catch (error) {
          this.log(`diagnostics for ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
        // Let requests that queued up meanwhile run before the next document.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.running = false;
    }
  }
}
