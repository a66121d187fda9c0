// Runs a LabelService against the stand-in API and records everything it says (status, log lines).
import { LabelService } from '../../server/src/labels';
import type { StatusParams } from '../../protocol';
import { defaultSettings, type CalicoSettings } from '../../server/src/settings';

export interface ServiceHarness {
  service: LabelService;
  settings: CalicoSettings;
  statuses: StatusParams[];
  logs: string[];
  /** Everything the service emitted, as one string (for secret-leak checks). */
  transcript(): string;
  /** Resolves with the status once `check` holds (polling the service's own status). */
  waitForStatus(check: (s: StatusParams) => boolean, what: string, timeoutMs?: number): Promise<StatusParams>;
}

export function startLabelService(options: { kubeconfig: string; trusted?: boolean; context?: string; timeoutMs?: number; retryMs?: number }): ServiceHarness {
  const settings: CalicoSettings = { ...structuredClone(defaultSettings), kubeconfig: options.kubeconfig, context: options.context ?? '' };
  const statuses: StatusParams[] = [];
  const logs: string[] = [];
  const service = new LabelService({
    getSettings: () => settings,
    trusted: options.trusted ?? true,
    onStatus: (s) => statuses.push(s),
    log: (m) => logs.push(m),
    requestTimeoutMs: options.timeoutMs ?? 10_000,
    retryDelayMs: options.retryMs ?? 60_000,
    debounceMs: 0,
  });
  return {
    service,
    settings,
    statuses,
    logs,
    transcript: () => JSON.stringify({ statuses, logs, now: service.status(), contexts: service.listContexts() }),
    async waitForStatus(check, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const s = service.status();
        if (check(s)) return s;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify(s)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
