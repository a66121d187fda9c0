// `calico.*` settings per resource, pulled with `workspace/configuration` and cached until the client says they changed.
import { normalizeSettings, defaultSettings, type CalicoSettings } from '../settings';

export interface ConfigurationSource {
  /** Asks the client for the `calico` section scoped to `scopeUri` (undefined = window/global scope). */
  fetch(scopeUri: string | undefined): Promise<unknown>;
}

export class SettingsCache {
  private readonly byResource = new Map<string, Promise<CalicoSettings>>();
  private pushed: CalicoSettings = defaultSettings;
  private globalLatest: CalicoSettings = defaultSettings;
  private generation = 0;

  /** `source` is undefined when the client cannot answer `workspace/configuration`. */
  constructor(private readonly source: ConfigurationSource | undefined, private readonly log: (m: string) => void) {}

  /** Settings for a document (or the global scope). Never rejects: falls back to defaults. */
  get(uri?: string): Promise<CalicoSettings> {
    if (!this.source) return Promise.resolve(this.pushed);
    const key = uri ?? '';
    let cached = this.byResource.get(key);
    if (!cached) {
      const generation = this.generation;
      cached = this.source.fetch(uri).then(
        (raw) => {
          const settings = normalizeSettings(raw);
          if (uri === undefined && generation === this.generation) this.globalLatest = settings;
          return settings;
        },
        (error: unknown) => {
          this.log(`could not read calico settings for ${uri ?? 'the workspace'}: ${String(error)}`);
          return defaultSettings;
        },
      );
      this.byResource.set(key, cached);
    }
    return cached;
  }

  /** The last known global settings, for code that cannot wait (label sources). */
  current(): CalicoSettings {
    return this.source ? this.globalLatest : this.pushed;
  }

  /** Drops every cached value; `pushedSection` is the `calico` section sent with didChangeConfiguration, if any. */
  invalidate(pushedSection: unknown): void {
    this.generation++;
    this.byResource.clear();
    if (!this.source) {
      this.pushed = normalizeSettings(pushedSection);
    } else {
      void this.get(undefined);
    }
  }

  forget(uri: string): void {
    this.byResource.delete(uri);
  }
}
