// The cluster's policies: the Calico Policies tree, read-only cluster documents, Compare with Cluster, and
// the source simulation reads (see clusterPolicyHandlers.ts); the cluster's tiers count as existing tiers.
import type { ServerContext } from '../context';
import { registerClusterPolicyHandlers, type ClusterPolicyHandlers } from '../clusterPolicyHandlers';

export function register(ctx: ServerContext): void {
  let handlers: ClusterPolicyHandlers | undefined;
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
