// The cluster's policies: the Calico Policies tree, read-only cluster documents, Compare with Cluster, and
// the source simulation reads (see clusterPolicyHandlers.ts); the cluster's tiers count as existing tiers.
import type { CodeLens, Hover } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import type { DocumentModel } from '../documentStore';
import { registerClusterPolicyHandlers, type ClusterPolicyHandlers } from '../clusterPolicyHandlers';
import { hasPolicyDocuments } from '../../document';
import { clusterUri, parsedObject, type PolicySnapshot } from '../../cluster';
import type { TrafficSourceFile } from '../../traffic';
import { effectiveHover, effectiveLenses, effectivePolicies, type ClusterPart } from '../../features/effectivePolicies';

let handlers: ClusterPolicyHandlers | undefined;
const WORKLOAD_KIND = /^kind:\s*(Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|Job|CronJob)\s*$/m;

const parts = new WeakMap<PolicySnapshot, ClusterPart>();
function clusterPart(snap: PolicySnapshot | undefined): ClusterPart | undefined {
  if (!snap) return undefined;
  let part = parts.get(snap);
  if (!part) {
    const file = (o: PolicySnapshot['objects'][number]): TrafficSourceFile => ({ uri: clusterUri(snap.context, o), file: parsedObject(snap, o), source: 'cluster' });
    part = {
      policies: snap.objects.map(file),
      // Tiers too: a workspace policy in a cluster tier must not look invalid.
      context: [...snap.objects.filter((o) => o.kind.kind === 'Tier'), ...snap.endpoints.filter((o) => o.kind.kind !== 'Pod')].map(file),
      missing: snap.missing,
      contextName: snap.context,
      fetchedAt: snap.fetchedAt,
    };
    parts.set(snap, part);
  }
  return part;
}

function effectiveFor(ctx: ServerContext, model: DocumentModel) {
  if (!WORKLOAD_KIND.test(model.file.text)) return [];
  if (ctx.globalSettingsRead) handlers?.source.ensureRequested();
  const workspace: TrafficSourceFile[] = [];
  for (const doc of ctx.documents.all()) {
    const m = ctx.documents.model(doc.uri);
    if (m && m.uri !== model.uri && doc.uri.startsWith('file:') && hasPolicyDocuments(m.file)) workspace.push({ uri: m.uri, file: m.file, source: 'workspace' });
  }
  const cluster = clusterPart(handlers?.source.snapshot);
  return { cluster, results: effectivePolicies({ uri: model.uri, file: model.file, cluster, workspace }) };
}

/** The "selected by N policies" lens above each workload of a Pod/Deployment manifest. */
export function effectivePolicyLenses(ctx: ServerContext, model: DocumentModel): CodeLens[] {
  const found = effectiveFor(ctx, model);
  return Array.isArray(found) ? [] : effectiveLenses(found.results, model.file);
}

/** The hover listing the policies that select the workload under the cursor. */
export function effectivePolicyHover(ctx: ServerContext, model: DocumentModel, offset: number): Hover | null {
  const found = effectiveFor(ctx, model);
  if (Array.isArray(found)) return null;
  const doc = model.file.documents.find((d) => offset >= d.start && offset <= d.end);
  const w = found.results.find((r) => r.start === doc?.start);
  return w ? effectiveHover(w, found.cluster) : null;
}

export function register(ctx: ServerContext): void {
  ctx.onInitialized(() => {
    handlers = registerClusterPolicyHandlers(ctx.connection, {
      getSettings: () => ctx.settings.current(),
      settingsReady: () => ctx.settings.get(undefined).then(() => undefined),
      trusted: ctx.trusted,
      store: ctx.documents,
      workspaceFolders: () => ctx.workspaceFolders,
      log: ctx.info,
      onTrust: (trusted) => ctx.labels?.setTrusted(trusted),
      onTiers: (names) => (names ? ctx.knownTiers.set('cluster-policies', names) : ctx.knownTiers.delete('cluster-policies')),
    });
  });
  ctx.onShutdown(() => handlers?.dispose());
}
