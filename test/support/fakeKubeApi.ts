// A stand-in Kubernetes API for tests: HTTPS on 127.0.0.1 with its own CA, bearer-token auth, the
// list endpoints the label and policy sources read (paged with limit/continue, metadata-only on request),
// Calico's kinds through projectcalico.org/v3 and/or crd.projectcalico.org/v1, Kubernetes NetworkPolicies,
// discovery for kubectl, RBAC per kind and namespace, and switchable faults.
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
  /** Pods only: status.podIP. */
  ip?: string;
  /** Pods only: named container ports. */
  ports?: { name: string; containerPort: number; protocol?: string }[];
}

/** A whole object as the API stores it, e.g. `{ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: {...}, spec: {...} }`. */
export interface FakeFullObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: unknown;
  [k: string]: unknown;
}

export interface FakeKubeData {
  /** Policy kinds, tiers, sets and Kubernetes NetworkPolicies, each served by the group of its apiVersion. */
  objects: FakeFullObject[];
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
  /** Serve projectcalico.org/v3 (the Calico API server); real clusters often do not. */
  calicoApi?: boolean;
  /** Serve crd.projectcalico.org/v1 (Calico's CRD storage). */
  crdApi?: boolean;
}

/** Kinds served under the API groups, by plural. */
const GROUP_RESOURCES: Record<string, { kind: string; namespaced: boolean; shortNames?: string[] }> = {
  tiers: { kind: 'Tier', namespaced: false },
  globalnetworkpolicies: { kind: 'GlobalNetworkPolicy', namespaced: false, shortNames: ['gnp'] },
  networkpolicies: { kind: 'NetworkPolicy', namespaced: true, shortNames: ['cnp'] },
  stagedglobalnetworkpolicies: { kind: 'StagedGlobalNetworkPolicy', namespaced: false },
  stagednetworkpolicies: { kind: 'StagedNetworkPolicy', namespaced: true },
  stagedkubernetesnetworkpolicies: { kind: 'StagedKubernetesNetworkPolicy', namespaced: true },
  globalnetworksets: { kind: 'GlobalNetworkSet', namespaced: false },
  networksets: { kind: 'NetworkSet', namespaced: true },
  hostendpoints: { kind: 'HostEndpoint', namespaced: false },
};
const CALICO_PLURALS = Object.keys(GROUP_RESOURCES);
const GROUPS: Record<string, string[]> = {
  'projectcalico.org/v3': CALICO_PLURALS,
  'crd.projectcalico.org/v1': CALICO_PLURALS,
  'networking.k8s.io/v1': ['networkpolicies'],
};

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
  const data: FakeKubeData = { objects: [], namespaces: [], pods: [], serviceAccounts: [], networkSets: [], globalNetworkSets: [], hostEndpoints: [] };
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
  crdApi: boolean;
  /** Plurals of a group no one may list at all, e.g. `projectcalico.org/v3/tiers`. */
  readonly forbiddenKinds = new Set<string>();
  /** Per `group/version/plural`: the only namespaces that may be listed (cluster-wide lists are then forbidden). */
  readonly namespaceRbac = new Map<string, string[]>();
  /** Plurals of a served group that discovery leaves out (an older Calico without some kind). */
  readonly unservedKinds = new Set<string>();
  data: FakeKubeData;
  port = 0;
  private server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(options: FakeKubeOptions) {
    this.token = options.token ?? 'fake-token-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    this.calicoApi = options.calicoApi ?? false;
    this.crdApi = options.crdApi ?? false;
    this.data = { objects: [], namespaces: [], pods: [], serviceAccounts: [], networkSets: [], globalNetworkSets: [], hostEndpoints: [], ...options.data };
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
    if (p === '/apis') return this.json(res, { kind: 'APIGroupList', apiVersion: 'v1', groups: this.servedGroups().map(apiGroup) });
    if (p === '/api/v1') return this.json(res, resourceList('v1', ['pods', 'namespaces', 'serviceaccounts']));
    const gv = /^\/apis\/([^/]+\/[^/]+)$/.exec(p);
    if (gv && this.servedGroups().includes(gv[1])) return this.json(res, groupResourceList(gv[1], this.servedPlurals(gv[1])));
    const g = /^\/apis\/([^/]+\/[^/]+)(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(p);
    if (g && this.servedGroups().includes(g[1]) && this.servedPlurals(g[1]).includes(g[3])) {
      return this.listGroupKind(res, g[1], g[3], g[2] ? decodeURIComponent(g[2]) : undefined, url.searchParams, String(req.headers.accept ?? ''));
    }
    const m = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/(pods|namespaces|serviceaccounts)$/.exec(p);
    if (!m) return this.status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const namespace = m[1] ? decodeURIComponent(m[1]) : undefined;
    const plural = m[2] as Plural;
    if (!this.mayList(plural, namespace)) {
      const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return this.status(res, 403, 'Forbidden', `${plural} is forbidden: User "test" cannot list resource "${plural}" in API group "${RESOURCES[plural].group}" ${where}`);
    }
    this.list(res, plural, namespace, url.searchParams, String(req.headers.accept ?? ''));
  }

  private servedGroups(): string[] {
    // Built-in groups come first in discovery, as on a real API server: bare `networkpolicy` means networking.k8s.io.
    return ['networking.k8s.io/v1', ...(this.calicoApi ? ['projectcalico.org/v3'] : []), ...(this.crdApi ? ['crd.projectcalico.org/v1'] : [])];
  }

  private servedPlurals(groupVersion: string): string[] {
    return (GROUPS[groupVersion] ?? []).filter((p) => !this.unservedKinds.has(`${groupVersion}/${p}`));
  }

  /** Every object of a group's kind: `data.objects` plus, for v3, the label-source sets. */
  private groupObjects(groupVersion: string, plural: string): FakeFullObject[] {
    const kind = groupVersion === 'networking.k8s.io/v1' ? 'NetworkPolicy' : GROUP_RESOURCES[plural].kind;
    const out = this.data.objects.filter((o) => o.apiVersion === groupVersion && o.kind === kind);
    const legacy = groupVersion === 'projectcalico.org/v3' ? ({ networksets: 'networkSets', globalnetworksets: 'globalNetworkSets', hostendpoints: 'hostEndpoints' } as const)[plural as 'networksets'] : undefined;
    if (legacy) for (const o of this.data[legacy]) out.push({ apiVersion: groupVersion, kind, metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), ...(o.labels ? { labels: o.labels } : {}) } });
    return out;
  }

  private listGroupKind(res: ServerResponse, groupVersion: string, plural: string, namespace: string | undefined, query: URLSearchParams, accept: string): void {
    const key = `${groupVersion}/${plural}`;
    const allowed = this.namespaceRbac.get(key);
    const legacyAllowed = this.allowedNamespaces && groupVersion === 'projectcalico.org/v3' && GROUP_RESOURCES[plural].namespaced ? this.allowedNamespaces : undefined;
    const nsRule = allowed ?? legacyAllowed;
    const forbidden = this.fault === '403' || this.forbiddenKinds.has(key) || (nsRule !== undefined && (namespace === undefined || !nsRule.includes(namespace)));
    if (forbidden) {
      const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return this.status(res, 403, 'Forbidden', `${plural}.${groupVersion.split('/')[0]} is forbidden: User "test" cannot list resource "${plural}" in API group "${groupVersion.split('/')[0]}" ${where}`);
    }
    let objects = this.groupObjects(groupVersion, plural);
    if (namespace !== undefined) objects = objects.filter((o) => o.metadata.namespace === namespace);
    const namespaced = groupVersion === 'networking.k8s.io/v1' || GROUP_RESOURCES[plural].namespaced;
    const kind = objects[0]?.kind ?? (groupVersion === 'networking.k8s.io/v1' ? 'NetworkPolicy' : GROUP_RESOURCES[plural].kind);
    const page = this.page(res, objects, query);
    if (!page) return;
    const meta = (o: FakeFullObject) => ({
      uid: `uid-${o.metadata.namespace ?? ''}-${o.metadata.name}`,
      resourceVersion: '1000',
      creationTimestamp: '2026-01-01T00:00:00Z',
      ...o.metadata,
      ...(namespaced ? {} : { namespace: undefined }),
    });
    if (accept.includes('as=PartialObjectMetadataList')) {
      return this.json(res, {
        kind: 'PartialObjectMetadataList',
        apiVersion: 'meta.k8s.io/v1',
        metadata: page.listMeta,
        items: page.items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: meta(o) })),
      });
    }
    this.json(res, { kind: `${kind}List`, apiVersion: groupVersion, metadata: page.listMeta, items: page.items.map((o) => ({ ...o, metadata: meta(o) })) });
  }

  /** `limit`/`continue` paging; answers 400 itself for a bad token. */
  private page<T>(res: ServerResponse, objects: T[], query: URLSearchParams): { items: T[]; listMeta: Record<string, unknown> } | undefined {
    const offset = query.get('continue') ? Number(Buffer.from(query.get('continue')!, 'base64url').toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      this.status(res, 400, 'BadRequest', 'invalid continue token');
      return undefined;
    }
    const limit = Number(query.get('limit')) || objects.length;
    const next = offset + limit < objects.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
    const listMeta = { resourceVersion: '1000', ...(next ? { continue: next, remainingItemCount: objects.length - offset - limit } : {}) };
    return { items: objects.slice(offset, offset + limit), listMeta };
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
          ? {
              spec: { serviceAccountName: o.serviceAccount ?? 'default', containers: [{ name: 'main', image: 'registry.example/app:1', ...(o.ports ? { ports: o.ports } : {}) }] },
              status: { phase: 'Running', ...(o.ip ? { podIP: o.ip, podIPs: [{ ip: o.ip }] } : {}) },
            }
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

function apiGroup(groupVersion: string) {
  const [name, version] = groupVersion.split('/');
  const v = { groupVersion, version };
  return { name, versions: [v], preferredVersion: v };
}

function groupResourceList(groupVersion: string, plurals: string[]) {
  const k8s = groupVersion === 'networking.k8s.io/v1';
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: plurals.map((p) => {
      const r = k8s ? { kind: 'NetworkPolicy', namespaced: true, shortNames: ['netpol'] } : GROUP_RESOURCES[p];
      // The CRD storage group has no short names; kubectl would otherwise see two `gnp`s.
      const shortNames = groupVersion === 'projectcalico.org/v3' || k8s ? r.shortNames : undefined;
      return { name: p, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'list'], ...(shortNames ? { shortNames } : {}) };
    }),
  };
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
