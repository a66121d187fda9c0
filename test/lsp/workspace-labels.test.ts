// Workspace labels through the language server: scanned from disk, replaced by unsaved editor text,
// and kept current by file events.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { completeUntil, startClusterServer, workspaceWithDeployment, WORKSPACE_LABEL } from '../support/kubeLsp';
import type { LspTestClient } from '../support/lspClient';

const deployment = (label: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d-${label}\n  namespace: yaobank-customer\nspec:\n  template:\n    metadata:\n      labels:\n        ${label}: "x"\n`;

describe('workspace labels over LSP', () => {
  let client: LspTestClient;
  let workspace: string;
  before(async () => {
    workspace = workspaceWithDeployment();
    mkdirSync(join(workspace, 'node_modules/dep'), { recursive: true });
    writeFileSync(join(workspace, 'node_modules/dep/x.yaml'), deployment('from-node-modules'));
    // No cluster: a kubeconfig path that does not exist keeps the cluster source off.
    client = await startClusterServer({ kubeconfig: join(workspace, 'no-kubeconfig'), workspace });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('labels of workload manifests on disk are offered; node_modules is skipped', async () => {
    const keys = await completeUntil(client, (l) => l.includes(WORKSPACE_LABEL));
    assert.ok(!keys.includes('from-node-modules'));
  });

  test('an open editor\'s unsaved text counts until it is closed', async () => {
    const uri = pathToFileURL(join(workspace, 'k8s/local.yaml')).href;
    await client.open(uri, deployment('unsaved-label'));
    await completeUntil(client, (l) => l.includes('unsaved-label') && !l.includes(WORKSPACE_LABEL));
    await client.close(uri);
    await completeUntil(client, (l) => !l.includes('unsaved-label') && l.includes(WORKSPACE_LABEL));
  });

  test('created and deleted files reach the index through workspace/didChangeWatchedFiles', async () => {
    const path = join(workspace, 'k8s/new.yaml');
    writeFileSync(path, deployment('new-file-label'));
    const uri = pathToFileURL(path).href;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    await completeUntil(client, (l) => l.includes('new-file-label'));
    rmSync(path);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await completeUntil(client, (l) => !l.includes('new-file-label'));
  });
});
