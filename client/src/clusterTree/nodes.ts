// The Calico Policies tree's nodes, built from the server's ClusterPoliciesResult.
import * as vscode from 'vscode';
import type { ClusterPoliciesResult, ClusterPolicyItem, ClusterRuleItem, ClusterSetItem, ClusterTierItem } from '../../../protocol';

export type ClusterNode =
  | { type: 'context'; label: string; result: ClusterPoliciesResult }
  | { type: 'tier'; tier: ClusterTierItem; parent: ClusterNode }
  | { type: 'group'; label: string; description?: string; items: (ClusterPolicyItem | ClusterSetItem)[]; parent: ClusterNode }
  | { type: 'policy'; policy: ClusterPolicyItem; parent: ClusterNode }
  | { type: 'set'; set: ClusterSetItem; parent: ClusterNode }
  | { type: 'rule'; rule: ClusterRuleItem; policy: ClusterPolicyItem; parent: ClusterNode };

export const OPEN_COMMAND = 'calico.clusterPolicies.open';

export function childrenOf(node: ClusterNode): ClusterNode[] {
  switch (node.type) {
    case 'context': {
      const r = node.result;
      const out: ClusterNode[] = r.tiers.map((tier) => ({ type: 'tier' as const, tier, parent: node }));
      if (r.kubernetesPolicies.length) out.push({ type: 'group', label: 'Kubernetes NetworkPolicies', description: 'tier default, order 1000', items: r.kubernetesPolicies, parent: node });
      if (r.networkSets.length) out.push({ type: 'group', label: 'Network Sets', items: r.networkSets, parent: node });
      return out;
    }
    case 'tier':
      return node.tier.policies.map((policy) => ({ type: 'policy' as const, policy, parent: node }));
    case 'group':
      return node.items.map((item) => ('nets' in item ? { type: 'set' as const, set: item, parent: node } : { type: 'policy' as const, policy: item, parent: node }));
    case 'policy':
      return node.policy.rules.map((rule) => ({ type: 'rule' as const, rule, policy: node.policy, parent: node }));
    default:
      return [];
  }
}

const expanded = vscode.TreeItemCollapsibleState.Expanded;
const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
const none = vscode.TreeItemCollapsibleState.None;

export function treeItem(node: ClusterNode): vscode.TreeItem {
  switch (node.type) {
    case 'context': {
      const item = new vscode.TreeItem(node.label, expanded);
      const s = node.result.status;
      item.description = s.fetchedAt ? `read ${new Date(s.fetchedAt).toLocaleTimeString()}${s.stale ? ' (stale)' : ''}` : s.state;
      item.iconPath = new vscode.ThemeIcon('server-environment');
      item.tooltip = [s.calicoGroup ? `Calico kinds from ${s.calicoGroup}` : undefined, ...s.notes, ...s.warnings].filter(Boolean).join('\n');
      item.contextValue = 'calicoClusterContext';
      return item;
    }
    case 'tier': {
      const t = node.tier;
      const item = new vscode.TreeItem(t.name, t.policies.length ? collapsed : none);
      item.id = `tier/${t.name}`;
      item.description = `${t.order === undefined ? 'no order' : `order ${t.order}`} · ends in ${t.defaultAction} · ${t.policies.length} ${t.policies.length === 1 ? 'policy' : 'policies'}`;
      item.iconPath = new vscode.ThemeIcon('layers');
      // A click expands the tier (its Tier object opens from the inline button).
      item.contextValue = t.uri ? 'calicoTier.declared' : 'calicoTier';
      return item;
    }
    case 'group': {
      const item = new vscode.TreeItem(node.label, collapsed);
      item.id = `group/${node.label}`;
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon(node.label === 'Network Sets' ? 'symbol-array' : 'symbol-namespace');
      return item;
    }
    case 'policy': {
      const p = node.policy;
      const item = new vscode.TreeItem(p.name, p.rules.length ? collapsed : none);
      item.id = `policy/${p.uri}`;
      const parts = [p.staged ? 'staged' : undefined, p.kind, p.namespace, p.order === undefined ? undefined : `order ${p.order}`, p.selector];
      item.description = parts.filter(Boolean).join(' · ');
      item.tooltip = new vscode.MarkdownString(`**${p.kind}** \`${p.namespace ? `${p.namespace}/` : ''}${p.name}\`${p.staged ? ' *(staged: not enforced)*' : ''}\n\nselector: \`${p.selector}\``);
      item.iconPath = new vscode.ThemeIcon(p.staged ? 'beaker' : 'shield');
      item.contextValue = p.workspaceUri ? 'calicoClusterPolicy.inWorkspace' : 'calicoClusterPolicy';
      item.resourceUri = undefined;
      item.command = { command: OPEN_COMMAND, title: 'Open', arguments: [p.uri] };
      return item;
    }
    case 'set': {
      const s = node.set;
      const item = new vscode.TreeItem(s.name, none);
      item.id = `set/${s.uri}`;
      item.description = [s.kind, s.namespace, s.nets.join(', ')].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon('globe');
      item.command = { command: OPEN_COMMAND, title: 'Open', arguments: [s.uri] };
      return item;
    }
    case 'rule': {
      const r = node.rule;
      const item = new vscode.TreeItem(`${r.direction} ${r.index + 1}: ${r.action || 'rule'}`, none);
      item.id = `rule/${node.policy.uri}/${r.direction}/${r.index}`;
      item.description = r.summary;
      item.tooltip = r.summary;
      item.iconPath = new vscode.ThemeIcon(r.action === 'Deny' ? 'circle-slash' : r.action === 'Pass' ? 'arrow-right' : r.action === 'Log' ? 'output' : 'check');
      item.command = { command: OPEN_COMMAND, title: 'Open', arguments: [node.policy.uri] };
      return item;
    }
  }
}
