// The "Calico Policies" view: asks the server for the cluster's policies and shows them; its message line
// says when they were read and what could not be read.
import * as vscode from 'vscode';
import { ClusterPoliciesRequest, type ClusterPoliciesParams, type ClusterPoliciesResult, type ClusterPoliciesStatus } from '../../../protocol';
import type { CalicoClient } from '../calicoClient';
import { childrenOf, treeItem, type ClusterNode } from './nodes';

export const CLUSTER_VIEW_ID = 'calico.clusterPolicies';

export class ClusterTreeProvider implements vscode.TreeDataProvider<ClusterNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ClusterNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: ClusterPoliciesResult | undefined;
  private root: ClusterNode | undefined;
  private loading: Promise<ClusterPoliciesResult | undefined> | undefined;
  namespace: string | undefined;
  view: vscode.TreeView<ClusterNode> | undefined;

  constructor(private readonly calico: CalicoClient) {}

  /** The last answer (for the namespace filter's choices and tests). */
  get last(): ClusterPoliciesResult | undefined {
    return this.result;
  }

  getTreeItem(node: ClusterNode): vscode.TreeItem {
    return treeItem(node);
  }

  getParent(node: ClusterNode): ClusterNode | undefined {
    return 'parent' in node ? node.parent : undefined;
  }

  async getChildren(node?: ClusterNode): Promise<ClusterNode[]> {
    if (node) return childrenOf(node);
    if (!vscode.workspace.isTrusted) {
      this.setMessage('Cluster access is off in an untrusted workspace.');
      return [];
    }
    const result = await this.load(false);
    if (!result) return [];
    this.root = { type: 'context', label: result.status.context ?? 'cluster', result };
    return result.status.state === 'ready' || result.tiers.length ? [this.root] : [];
  }

  /** Reads the cluster again (Refresh) or re-asks the server for its snapshot (status changed). */
  async reload(refresh: boolean): Promise<void> {
    await this.load(refresh);
    this.changed.fire(undefined);
  }

  setNamespace(namespace: string | undefined): void {
    this.namespace = namespace;
    if (this.view) this.view.description = namespace ? `namespace: ${namespace}` : undefined;
    void this.reload(false);
  }

  /** The current root's child nodes, for reveal. */
  rootNode(): ClusterNode | undefined {
    return this.root;
  }

  private load(refresh: boolean): Promise<ClusterPoliciesResult | undefined> {
    if (this.loading && !refresh) return this.loading;
    const run: Promise<ClusterPoliciesResult | undefined> = (async (): Promise<ClusterPoliciesResult | undefined> => {
      try {
        await this.calico.ready;
        const params: ClusterPoliciesParams = { refresh, ...(this.namespace ? { namespace: this.namespace } : {}) };
        const result = await this.calico.client.sendRequest<ClusterPoliciesResult>(ClusterPoliciesRequest, params);
        this.result = result;
        this.setMessage(statusMessage(result.status));
        return result;
      } catch (error) {
        this.setMessage(`Could not ask the Calico server: ${String(error)}`);
        return undefined;
      }
    })();
    this.loading = run;
    void run.finally(() => {
      if (this.loading === run) this.loading = undefined;
    });
    return run;
  }

  private setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The view's message line: snapshot time, the CRD fallback, and every missing item. */
export function statusMessage(s: ClusterPoliciesStatus): string | undefined {
  const parts: string[] = [];
  if (s.state === 'error') parts.push(`⚠ ${s.message ?? 'the cluster could not be read'}`);
  else if (s.state !== 'ready' && s.state !== 'loading') parts.push(s.message ?? `Cluster policies: ${s.state}`);
  if (s.fetchedAt) parts.push(`Read ${new Date(s.fetchedAt).toLocaleString()}${s.stale ? ' (stale)' : ''}${s.calicoGroup ? ` via ${s.calicoGroup}` : ''}.`);
  for (const w of s.warnings) parts.push(`⚠ ${w}`);
  return parts.length ? parts.join(' ') : undefined;
}
