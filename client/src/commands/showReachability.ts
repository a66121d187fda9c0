// "Calico: Show Reachability": opens (or reveals) the matrix/graph panel; tests may pass {protocol, port}.
import type { ReachabilityPanel } from '../reachability/panel';

export function showReachabilityCommand(panel: ReachabilityPanel) {
  return async (query?: { protocol?: unknown; port?: unknown }): Promise<void> => {
    const protocol = typeof query?.protocol === 'string' && query.protocol ? query.protocol : undefined;
    const port = typeof query?.port === 'number' ? query.port : undefined;
    await panel.show(protocol ? { protocol, port } : undefined);
  };
}
