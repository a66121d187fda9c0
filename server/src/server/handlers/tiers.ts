// Known tiers for POL-TIER-EXISTS: the workspace's Tier manifests are read once at start; open files update theirs.
import type { ServerContext } from '../context';
import { scanWorkspaceTiers } from '../../validation/knownTiers';

export function register(ctx: ServerContext): void {
  ctx.onInitialized(() => {
    void scanWorkspaceTiers(ctx.workspaceFolders).then(
      (found) => {
        for (const [uri, names] of found) if (!ctx.documents.get(uri)) ctx.knownTiers.set(uri, names);
        ctx.knownTiers.markComplete();
      },
      (error: unknown) => ctx.log(`could not read the workspace's Tier manifests: ${String(error)}`),
    );
  });
}
