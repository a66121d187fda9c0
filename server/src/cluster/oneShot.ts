// A single read of the cluster's policies for the CLI: kubeconfig found as kubectl finds it, same client and auth.
import { KubeMetadataClient } from '../labels/cluster/kubeClient';
import { loadKubeConfig } from '../labels/cluster/kubeconfig';
import { Redactor } from '../labels/cluster/redactor';
import { readPolicySnapshot, type PolicySnapshot } from './policySnapshot';

export interface OneShotOptions {
  /** `--kubeconfig`; empty = KUBECONFIG, then ~/.kube/config. */
  kubeconfig?: string;
  /** `--context`; empty = the kubeconfig's current context. */
  context?: string;
  timeoutMs?: number;
  redactor?: Redactor;
  /** Also read pods, namespaces and service accounts. */
  endpoints?: boolean;
}

/** Throws KubeConfigProblem or KubeApiError, whose messages carry no secrets. */
export async function readClusterOnce(options: OneShotOptions): Promise<PolicySnapshot> {
  const loaded = loadKubeConfig({ kubeconfig: options.kubeconfig ?? '', context: options.context ?? '' });
  const client = new KubeMetadataClient(loaded, options.timeoutMs ?? 10_000, options.redactor ?? new Redactor());
  return readPolicySnapshot(client, loaded.context, loaded.namespace, { endpoints: options.endpoints });
}
