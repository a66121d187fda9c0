// Read-only, metadata-only, paged list requests to the Kubernetes API, authenticated by the kubeconfig.
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import { basename } from 'node:path';
import type { LoadedKubeConfig } from './kubeconfig';
import { httpFault, KubeApiError, networkFault } from './kubeErrors';
import type { Redactor } from './redactor';

export interface MetadataItem {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
}

// Ask for PartialObjectMetadataList so pods arrive without their specs; plain JSON is the fallback.
const METADATA_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class KubeMetadataClient {
  constructor(
    private readonly config: LoadedKubeConfig,
    private readonly timeoutMs: number,
    private readonly redactor: Redactor,
    private readonly pageSize = 500,
  ) {}

  /** Lists every object at `path` (e.g. /api/v1/pods), page by page; `onPage` receives each page's items. */
  async list(path: string, what: string, onPage: (items: MetadataItem[]) => void): Promise<void> {
    await this.listPages(path, what, METADATA_ACCEPT, (body) => {
      const page = parseList(body, what);
      onPage(page.items);
      return page.continueToken;
    });
  }

  /** Lists whole objects (not metadata only) at `path`, page by page. */
  async listObjects(path: string, what: string, onPage: (items: unknown[]) => void): Promise<void> {
    await this.listPages(path, what, 'application/json', (body) => {
      const page = parseObjectList(body, what);
      onPage(page.items);
      return page.continueToken;
    });
  }

  /** One GET answered with JSON, e.g. an API group's discovery document. */
  async getJson(path: string, what: string): Promise<unknown> {
    return this.get(path, what, await this.authOptions(), 'application/json');
  }

  private async listPages(path: string, what: string, accept: string, onBody: (body: unknown) => string | undefined): Promise<void> {
    // One set of credentials and one agent per list: pages then reuse TLS sessions.
    const auth = await this.authOptions();
    let token = '';
    let restarted = false;
    for (;;) {
      const query = new URLSearchParams({ limit: String(this.pageSize) });
      if (token) query.set('continue', token);
      let body: unknown;
      try {
        body = await this.get(`${path}?${query}`, what, auth, accept);
      } catch (e) {
        // An expired continue token means the list changed under us: start over once.
        if (e instanceof KubeApiError && e.kind === 'gone' && !restarted) {
          restarted = true;
          token = '';
          continue;
        }
        throw e;
      }
      const next = onBody(body);
      if (!next) return;
      token = next;
    }
  }

  private async authOptions(): Promise<RequestOptions> {
    const opts: RequestOptions = {};
    try {
      await this.config.kc.applyToHTTPSOptions(opts);
    } catch {
      // The library's message may carry the exec plugin's stderr, so it is not passed on.
      const user = this.config.kc.getCurrentUser();
      const plugin = user?.exec?.command ? ` (exec plugin "${basename(String(user.exec.command))}" failed)` : user?.authProvider?.name ? ` (auth provider "${String(user.authProvider.name)}" failed)` : '';
      throw new KubeApiError('credentials', `could not get credentials for context ${this.config.context}${plugin}`);
    }
    const headers = (opts.headers ?? {}) as Record<string, unknown>;
    for (const value of Object.values(headers)) this.redactor.add(value);
    this.redactor.add(opts.auth);
    this.redactor.add((opts as { key?: unknown }).key);
    this.redactor.add((opts as { passphrase?: unknown }).passphrase);
    return opts;
  }

  private async get(pathAndQuery: string, what: string, opts: RequestOptions, accept: string): Promise<unknown> {
    const url = new URL(this.config.server + pathAndQuery);
    const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const headers = { ...(opts.headers as Record<string, string> | undefined), Accept: accept, 'User-Agent': 'calico-policy' };
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const finish = (err: Error | undefined, value?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(value);
      };
      const req = request(url, { method: 'GET', agent: opts.agent, headers, auth: opts.auth ?? undefined }, (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy();
            finish(new KubeApiError('malformed', `the answer to "${what}" is larger than ${MAX_BODY_BYTES >> 20} MiB`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (e) => finish(networkFault(e, this.config.server)));
        res.on('end', () => {
          if (status < 200 || status >= 300) return finish(httpFault(status, what));
          try {
            finish(undefined, JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            finish(new KubeApiError('malformed', `the API server's answer to "${what}" is not valid JSON`));
          }
        });
      });
      // One deadline covers connecting, waiting and reading; a hung server must not stall a refresh.
      const timer = setTimeout(() => {
        req.destroy();
        finish(new KubeApiError('timeout', `no answer from ${this.config.server} within ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      req.on('error', (e) => finish(networkFault(e, this.config.server)));
      req.end();
    });
  }
}

function parseList(body: unknown, what: string): { items: MetadataItem[]; continueToken?: string } {
  const malformed = () => new KubeApiError('malformed', `the API server's answer to "${what}" is not a list`);
  if (!body || typeof body !== 'object') throw malformed();
  const { items, metadata } = body as { items?: unknown; metadata?: { continue?: unknown } };
  if (!Array.isArray(items)) throw malformed();
  const out: MetadataItem[] = [];
  for (const item of items) {
    const meta = (item as { metadata?: unknown } | null)?.metadata as { name?: unknown; namespace?: unknown; labels?: unknown } | undefined;
    if (!meta || typeof meta !== 'object' || typeof meta.name !== 'string') throw malformed();
    const labels: Record<string, string> = {};
    if (meta.labels && typeof meta.labels === 'object') {
      for (const [k, v] of Object.entries(meta.labels as Record<string, unknown>)) if (typeof v === 'string') labels[k] = v;
    }
    out.push({ name: meta.name, namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined, labels });
  }
  const token = typeof metadata?.continue === 'string' && metadata.continue ? metadata.continue : undefined;
  return { items: out, continueToken: token };
}

function parseObjectList(body: unknown, what: string): { items: unknown[]; continueToken?: string } {
  const { items, metadata } = (body && typeof body === 'object' ? body : {}) as { items?: unknown; metadata?: { continue?: unknown } };
  if (!Array.isArray(items)) throw new KubeApiError('malformed', `the API server's answer to "${what}" is not a list`);
  const token = typeof metadata?.continue === 'string' && metadata.continue ? metadata.continue : undefined;
  return { items, continueToken: token };
}
