// Turns the server's status notification into what the status bar shows; pure, so it stays testable.
import type { StatusParams } from '../../protocol';

export interface StatusView {
  text: string;
  tooltip: string;
  /** Command run on click. */
  command: string;
  isError: boolean;
}

const stateWords: Record<StatusParams['cluster']['state'], string> = {
  off: 'cluster off',
  untrusted: 'cluster off (untrusted workspace)',
  idle: 'idle',
  loading: 'loading',
  ready: 'ready',
  error: 'error',
};

/** Shown until the server's first status notification arrives. */
export const startingView: StatusView = {
  text: '$(sync~spin) Calico: starting',
  tooltip: 'Calico language server is starting',
  command: 'calico.showOutput',
  isError: false,
};

export function statusView(status: StatusParams): StatusView {
  const { cluster, workspace } = status;
  const icon = cluster.state === 'loading' ? '$(sync~spin)' : cluster.state === 'error' ? '$(warning)' : '$(shield)';
  const usesCluster = cluster.state !== 'off' && cluster.state !== 'untrusted';
  const where = usesCluster ? `${cluster.context ?? 'no context'} · ` : '';
  const lines = [
    `Calico cluster labels: ${stateWords[cluster.state]}${cluster.context ? ` (context ${cluster.context})` : ''}`,
    `Workspace: ${workspace.files} files, ${workspace.pods} pods, ${workspace.namespaces} namespaces`,
  ];
  if (cluster.counts) {
    const c = cluster.counts;
    lines.push(
      `Cluster: ${c.pods} pods, ${c.namespaces} namespaces, ${c.serviceAccounts} service accounts, ${c.networkSets} network sets`,
    );
  }
  if (cluster.lastRefresh) lines.push(`Last refresh: ${cluster.lastRefresh}`);
  if (cluster.message) lines.push(`${cluster.state === 'error' ? 'Last error' : 'Note'}: ${cluster.message}`);
  let command = 'calico.refreshCluster';
  if (cluster.state === 'untrusted') command = 'workbench.trust.manage';
  else if (cluster.state === 'off') command = 'calico.showOutput';
  else if (!cluster.context) command = 'calico.selectContext';
  lines.push(clickHints[command]);
  return {
    text: `${icon} Calico: ${where}${stateWords[cluster.state]}`,
    tooltip: lines.join('\n'),
    command,
    isError: cluster.state === 'error',
  };
}

const clickHints: Record<string, string> = {
  'calico.refreshCluster': 'Click to refresh cluster labels',
  'calico.selectContext': 'Click to pick a Kubernetes context',
  'workbench.trust.manage': 'Click to manage workspace trust',
  'calico.showOutput': 'Click to show the Calico output',
};
