// Shared inputs for LSP tests: a small "yaobank" workload whose labels the server learns from an
// open document, and helpers to start a server that already knows them.
import { LspTestClient, testUri, type StartOptions } from './lspClient';
import type { StatusParams } from '../../protocol';

/** Pods, namespaces and service accounts of the yaobank demo, as Kubernetes manifests. */
export const workloadManifests = `apiVersion: v1
kind: Namespace
metadata:
  name: yaobank-customer
  labels:
    ns: customer
---
apiVersion: v1
kind: Namespace
metadata:
  name: yaobank-summary
  labels:
    ns: summary
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: customer
  namespace: yaobank-customer
  labels:
    team: web
---
apiVersion: v1
kind: Pod
metadata:
  name: customer-7d9f
  namespace: yaobank-customer
  labels:
    app: customer
    version: v1
spec:
  serviceAccountName: customer
---
apiVersion: v1
kind: Pod
metadata:
  name: summary-5c2a
  namespace: yaobank-summary
  labels:
    app: summary
    tier: api
---
apiVersion: v1
kind: Pod
metadata:
  name: database-0
  namespace: yaobank-database
  labels:
    app: database
`;

/** Starts a server and opens the workload manifests, waiting until their labels are indexed. */
export async function startWithWorkload(options: StartOptions = {}): Promise<LspTestClient> {
  const client = await LspTestClient.start({ settings: {}, ...options });
  await client.open(testUri('workload.yaml'), workloadManifests);
  await client.waitFor(
    () => client.received<StatusParams>('calico/status').find((s) => s.workspace.pods >= 3 && s.workspace.namespaces >= 2),
    'workspace labels to be indexed',
  );
  return client;
}

/** A NetworkPolicy in yaobank-customer with `body` as its spec (indented by the caller). */
export function networkPolicy(spec: string, namespace = 'yaobank-customer'): string {
  return `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: customer-policy
  namespace: ${namespace}
spec:
${spec}`;
}
