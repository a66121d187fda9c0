// Entry point: creates the client state and registers the commands.
import * as vscode from 'vscode';
import { ExplainPolicyCommand, type StatusParams } from '../../protocol';
import { CalicoClient } from './calicoClient';
import { explainPolicyCommand } from './commands/explainPolicy';
import { refreshClusterCommand } from './commands/refreshCluster';
import { selectContextCommand } from './commands/selectContext';
import { showOutputCommand } from './commands/showOutput';
import { registerClusterView, type ClusterView } from './clusterTree/register';

/** What `activate` returns: lets tests wait for the server and read what the status bar shows. */
export interface CalicoExtensionApi {
  ready: Promise<void>;
  status(): StatusParams | undefined;
  statusBarText(): string;
  statusBarTooltip(): string;
  /** The Calico Policies view, for tests. */
  clusterView: ClusterView;
}

let calico: CalicoClient | undefined;

export function activate(context: vscode.ExtensionContext): CalicoExtensionApi {
  const state = new CalicoClient(context);
  calico = state;
  context.subscriptions.push(
    vscode.commands.registerCommand(ExplainPolicyCommand, explainPolicyCommand(state)),
    vscode.commands.registerCommand('calico.refreshCluster', refreshClusterCommand(state)),
    vscode.commands.registerCommand('calico.selectContext', selectContextCommand(state)),
    vscode.commands.registerCommand('calico.showOutput', showOutputCommand(state)),
  );
  const clusterView = registerClusterView(context, state);
  return {
    ready: state.ready,
    status: () => state.status,
    statusBarText: () => state.statusBarView.text,
    statusBarTooltip: () => state.statusBarView.tooltip,
    clusterView,
  };
}

export async function deactivate(): Promise<void> {
  await calico?.dispose();
  calico = undefined;
}
