// LSP-level helpers for cluster-label tests: a workspace with one Deployment, a policy document with
// a cursor in its selector, and a language server pointed at the stand-in Kubernetes API.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StatusParams } from '../../protocol';
import { LspTestClient, withCursor, testUri } from './lspClient';

export const WORKSPACE_LABEL = 'from-workspace';

/** A folder holding one Deployment in yaobank-customer whose pods carry `from-workspace: "yes"`. */
export function workspaceWithDeployment(): string {
  const dir = mkdtempSync(join(tmpdir(), 'calico-lsp-ws-'));
  mkdirSync(join(dir, 'k8s'));
  writeFileSync(
    join(dir, 'k8s/local.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: local\n  namespace: yaobank-customer\nspec:\n  template:\n    metadata:\n      labels:\n        from-workspace: "yes"\n',
  );
  return dir;
}

export async function startClusterServer(options: {
  kubeconfig: string;
  workspace?: string;
  trusted?: boolean;
  env?: Record<string, string>;
  stderr?: string[];
}): Promise<LspTestClient> {
  return LspTestClient.start({
    settings: { kubeconfig: options.kubeconfig, cluster: { enabled: true, refreshInterval: 300 } },
    workspaceFolders: options.workspace ? [{ uri: pathToFileURL(options.workspace).href, name: 'ws' }] : null,
    initializationOptions: options.trusted === undefined ? undefined : { trusted: options.trusted },
    env: { CALICO_CLUSTER_TIMEOUT_MS: '10000', ...options.env },
    onStderr: (text) => options.stderr?.push(text),
  });
}

export function statuses(client: LspTestClient): StatusParams[] {
  return client.received<StatusParams>('calico/status');
}

export function waitForStatus(client: LspTestClient, check: (s: StatusParams) => boolean, what: string, timeoutMs = 30_000) {
  return client.waitFor(() => statuses(client).find(check), what, timeoutMs);
}

export function waitForClusterState(client: LspTestClient, check: (s: StatusParams['cluster']) => boolean, what: string, timeoutMs = 30_000) {
  return client.waitFor(() => statuses(client).find((s) => check(s.cluster)), what, timeoutMs);
}

/** Opens a NetworkPolicy in yaobank-customer with the cursor in `selector: <before>|` and completes there. */
export async function completeSelector(client: LspTestClient, before = ''): Promise<{ uri: string; labels: string[] }> {
  const { text, position } = withCursor(
    `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: allow-customer\n  namespace: yaobank-customer\nspec:\n  selector: ${before}|^|\n  types: [Ingress]\n`,
  );
  const uri = testUri();
  await client.open(uri, text);
  const items = await client.completion(uri, position);
  await client.close(uri);
  return { uri, labels: items.map((i) => i.label) };
}

/** Completes until `check` accepts the labels (the index fills in the background). */
export async function completeUntil(client: LspTestClient, check: (labels: string[]) => boolean, before = '', timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { labels } = await completeSelector(client, before);
    if (check(labels)) return labels;
    if (Date.now() > deadline) throw new Error(`completion never satisfied the check; last labels: ${JSON.stringify(labels)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
