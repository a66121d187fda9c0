// A stand-in Kubernetes API for tests: HTTPS on 127.0.0.1 with its own CA, bearer-token auth, the
// list endpoints the label source reads (paged with limit/continue, metadata-only on request),
// discovery for kubectl, and switchable faults.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { testCertificates } from './kubeCerts';

export interface FakeObject {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  /** Pods only. */
  serviceAccount?: string;
}

export interface FakeKubeData {
  namespaces: FakeObject[];
  pods: FakeObject[];
  serviceAccounts: FakeObject[];
  networkSets: FakeObject[];
  globalNetworkSets: FakeObject[];
  hostEndpoints: FakeObject[];
}

export type FakeFault = 'none' | 'refuse' | 'hang' | '401' | '403' | '500' | 'badJson';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  accept: string;
  authorized: boolean;
}

export interface FakeKubeOptions {
  token?: string;
  data?: Partial<FakeKubeData>;
  /** Serve projectcalico.org/v3 (NetworkSets, GlobalNetworkSets, HostEndpoints); real clusters often do not. */
  calicoApi?: boolean;
}

const RESOURCES = {
  pods: { key: 'pods', kind: 'Pod', namespaced: true, group: '' },
  namespaces: { key: 'namespaces', kind: 'Namespace', namespaced: false, group: '' },
  serviceaccounts: { key: 'serviceAccounts', kind: 'ServiceAccount', namespaced: true, group: '' },
  networksets: { key: 'networkSets', kind: 'NetworkSet', namespaced: true, group: 'projectcalico.org' },
  globalnetworksets: { key: 'globalNetworkSets', kind: 'GlobalNetworkSet', namespaced: false, group: 'projectcalico.org' },
  hostendpoints: { key: 'hostEndpoints', kind: 'HostEndpoint', namespaced: false, group: 'projectcalico.org' },
} as const satisfies Record<string, { key: keyof FakeKubeData; kind: string; namespaced: boolean; group: string }>;
type Plural = keyof typeof RESOURCES;

/** Kubernetes-looking test data: `pods` pods spread over `namespaces` namespaces, a few deployments each. */
export function generateCluster(pods: number, namespaces: number, options: { uniquePodLabel?: boolean } = {}): FakeKubeData {
  const data: FakeKubeData = { namespaces: [], pods: [], serviceAccounts: [], networkSets: [], globalNetworkSets: [], hostEndpoints: [] };
  const apps = ['frontend', 'backend', 'database', 'cache', 'worker', 'gateway', 'auth', 'search', 'metrics', 'queue'];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${String(n).padStart(3, '0')}`;
    data.namespaces.push({ name: ns, labels: { team: `t${n % 50}`, env: n % 3 === 0 ? 'prod' : 'dev', 'kubernetes.io/metadata.name': ns } });
    data.serviceAccounts.push({ name: 'default', namespace: ns }, { name: 'app', namespace: ns, labels: { tier: 'app' } });
  }
  for (let i = 0; i < pods; i++) {
    const ns = data.namespaces[i % namespaces].name;
    const app = apps[Math.floor(i / namespaces) % apps.length];
    data.pods.push({
      name: `${app}-${(i * 2654435761 >>> 0).toString(16).slice(0, 8)}-${i.toString(36)}`,
      namespace: ns,
      labels: {
        app,
        version: `v${(i % 3) + 1}`,
        'pod-template-hash': `${app.length}${(i % 3) + 1}f9c`,
        'app.kubernetes.io/part-of': 'shop',
        // StatefulSet pods carry their own name as a label, which defeats grouping: the worst case.
        ...(options.uniquePodLabel ? { 'statefulset.kubernetes.io/pod-name': `pod-${i}` } : {}),
      },
      serviceAccount: 'app',
    });
  }
  return data;
}

export class FakeKubeApi {
  readonly token: string;
  readonly requests: FakeRequest[] = [];
  fault: FakeFault = 'none';
  /** When set, only these namespaces may be read; cluster-wide lists (and listing namespaces) are forbidden. */
  allowedNamespaces: string[] | undefined;
  /** Whether `allowedNamespaces` also forbids listing namespaces (default: namespaces stay readable). */
  forbidNamespaceList = false;
  calicoApi: boolean;
  data: FakeKubeData;
  port = 0;
  private server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(options: FakeKubeOptions) {
    this.token = options.token ?? 'fake-token-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    this.calicoApi = options.calicoApi ?? false;
    this.data = { namespaces: [], pods: [], serviceAccounts: [], networkSets: [], globalNetworkSets: [], hostEndpoints: [], ...options.data };
    this.server = this.createServer();
  }

  static async start(options: FakeKubeOptions = {}): Promise<FakeKubeApi> {
    const api = new FakeKubeApi(options);
    await api.listen(0);
    return api;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Switches faults; 'refuse' closes the port (connections are refused) until another fault is set. */
  async setFault(fault: FakeFault): Promise<void> {
    const wasRefusing = this.fault === 'refuse';
    this.fault = fault;
    if (fault === 'refuse' && !wasRefusing) await this.close();
    if (fault !== 'refuse' && wasRefusing) {
      this.server = this.createServer();
      await this.listen(this.port);
    }
  }

  async stop(): Promise<void> {
    if (this.fault !== 'refuse') await this.close();
  }

  private createServer(): Server {
    const certs = testCertificates();
    const server = createServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => this.handle(req, res));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return server;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  private close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const authorized = req.headers.authorization === `Bearer ${this.token}`;
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, accept: String(req.headers.accept ?? ''), authorized });
    if (this.fault === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (!authorized || this.fault === '401') return this.status(res, 401, 'Unauthorized', 'Unauthorized');
    if (req.method !== 'GET') return this.status(res, 405, 'MethodNotAllowed', 'the stand-in is read-only');
    if (this.fault === '500') return this.status(res, 500, 'InternalError', 'etcdserver: request timed out');
    if (this.fault === 'badJson') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end('{"kind":"PodList","items":[{"metadata":');
    }
    this.route(url, req, res);
  }

  private route(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const p = url.pathname.replace(/\/+$/, '');
    if (p === '/version') return this.json(res, { major: '1', minor: '30', gitVersion: 'v1.30.0', platform: 'linux/amd64' });
    if (p === '/api') return this.json(res, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${this.port}` }] });
    if (p === '/apis') return this.json(res, { kind: 'APIGroupList', apiVersion: 'v1', groups: this.calicoApi ? [calicoGroup()] : [] });
    if (p === '/api/v1') return this.json(res, resourceList('v1', ['pods', 'namespaces', 'serviceaccounts']));
    if (p === '/apis/projectcalico.org/v3' && this.calicoApi)
      return this.json(res, resourceList('projectcalico.org/v3', ['networksets', 'globalnetworksets', 'hostendpoints']));
    const m =
      /^\/api\/v1(?:\/namespaces\/([^/]+))?\/(pods|namespaces|serviceaccounts)$/.exec(p) ??
      (this.calicoApi ? /^\/apis\/projectcalico\.org\/v3(?:\/namespaces\/([^/]+))?\/(networksets|globalnetworksets|hostendpoints)$/.exec(p) : null);
    if (!m) return this.status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const namespace = m[1] ? decodeURIComponent(m[1]) : undefined;
    const plural = m[2] as Plural;
    if (!this.mayList(plural, namespace)) {
      const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return this.status(res, 403, 'Forbidden', `${plural} is forbidden: User "test" cannot list resource "${plural}" in API group "${RESOURCES[plural].group}" ${where}`);
    }
    this.list(res, plural, namespace, url.searchParams, String(req.headers.accept ?? ''));
  }

  private mayList(plural: Plural, namespace: string | undefined): boolean {
    if (!this.allowedNamespaces) return true;
    if (plural === 'namespaces') return !this.forbidNamespaceList;
    if (!RESOURCES[plural].namespaced) return true;
    return namespace !== undefined && this.allowedNamespaces.includes(namespace);
  }

  private list(res: ServerResponse, plural: Plural, namespace: string | undefined, query: URLSearchParams, accept: string): void {
    const resource = RESOURCES[plural];
    let objects = this.data[resource.key];
    if (namespace !== undefined) objects = objects.filter((o) => o.namespace === namespace);
    const offset = query.get('continue') ? Number(Buffer.from(query.get('continue')!, 'base64url').toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0) return this.status(res, 400, 'BadRequest', 'invalid continue token');
    const limit = Number(query.get('limit')) || objects.length;
    const page = objects.slice(offset, offset + limit);
    const next = offset + limit < objects.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
    const metadataOnly = accept.includes('as=PartialObjectMetadataList');
    const apiVersion = resource.group ? `${resource.group}/v3` : 'v1';
    const listMeta = { resourceVersion: '1000', ...(next ? { continue: next, remainingItemCount: objects.length - offset - limit } : {}) };
    const itemMeta = (o: FakeObject) => ({
      name: o.name,
      ...(resource.namespaced ? { namespace: o.namespace } : {}),
      uid: `uid-${o.namespace ?? ''}-${o.name}`,
      resourceVersion: '1000',
      creationTimestamp: '2026-01-01T00:00:00Z',
      ...(o.labels && Object.keys(o.labels).length ? { labels: o.labels } : {}),
    });
    if (metadataOnly) {
      return this.json(res, {
        kind: 'PartialObjectMetadataList',
        apiVersion: 'meta.k8s.io/v1',
        metadata: listMeta,
        items: page.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: itemMeta(o) })),
      });
    }
    this.json(res, {
      kind: `${resource.kind}List`,
      apiVersion,
      metadata: listMeta,
      items: page.map((o) => ({
        kind: resource.kind,
        apiVersion,
        metadata: itemMeta(o),
        ...(plural === 'pods'
          ? { spec: { serviceAccountName: o.serviceAccount ?? 'default', containers: [{ name: 'main', image: 'registry.example/app:1' }] }, status: { phase: 'Running' } }
          : {}),
      })),
    });
  }

  private json(res: ServerResponse, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  private status(res: ServerResponse, code: number, reason: string, message: string): void {
    const text = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(text);
  }
}

function calicoGroup() {
  const v = { groupVersion: 'projectcalico.org/v3', version: 'v3' };
  return { name: 'projectcalico.org', versions: [v], preferredVersion: v };
}

function resourceList(groupVersion: string, plurals: Plural[]) {
  return {
    kind: 'APIResourceList',
    groupVersion,
    resources: plurals.map((p) => ({
      name: p,
      singularName: RESOURCES[p].kind.toLowerCase(),
      namespaced: RESOURCES[p].namespaced,
      kind: RESOURCES[p].kind,
      verbs: ['get', 'list'],
      ...(p === 'pods' ? { shortNames: ['po'] } : p === 'namespaces' ? { shortNames: ['ns'] } : p === 'serviceaccounts' ? { shortNames: ['sa'] } : {}),
    })),
  };
}
