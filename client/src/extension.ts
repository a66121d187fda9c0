// Entry point: creates the client state and registers the commands.
import * as vscode from 'vscode';
import { CheckTrafficCommand, ExplainPolicyCommand, type FlowResult, type StatusParams } from '../../protocol';
import { CalicoClient } from './calicoClient';
import { explainPolicyCommand } from './commands/explainPolicy';
import { refreshClusterCommand } from './commands/refreshCluster';
import { selectContextCommand } from './commands/selectContext';
import { showOutputCommand } from './commands/showOutput';
import { registerClusterView, type ClusterView } from './clusterTree/register';
import { checkTrafficCommand } from './commands/checkTraffic';
import { showReachabilityCommand } from './commands/showReachability';
import { selectSimulationScopeCommand } from './commands/selectSimulationScope';
import { whatChangesCommand } from './commands/whatChanges';
import { TracePanel } from './traffic/tracePanel';
import { ReachabilityPanel, type RenderTiming } from './reachability/panel';

/** What `activate` returns: lets tests wait for the server and read what the status bar shows. */
export interface CalicoExtensionApi {
  ready: Promise<void>;
  status(): StatusParams | undefined;
  statusBarText(): string;
  statusBarTooltip(): string;
  /** The Calico Policies view, for tests. */
  clusterView: ClusterView;
  /** The flow the trace view shows, and the reachability matrix's last redraw cost. */
  traffic: { shownTrace(): FlowResult | undefined; reachabilityTiming(): RenderTiming | undefined };
}

let calico: CalicoClient | undefined;

export function activate(context: vscode.ExtensionContext): CalicoExtensionApi {
  const state = new CalicoClient(context);
  calico = state;
  const trace = new TracePanel(context.extensionUri);
  const reachability = new ReachabilityPanel(state, context.extensionUri);
  context.subscriptions.push(
    trace,
    reachability,
    vscode.commands.registerCommand(CheckTrafficCommand, checkTrafficCommand(state, trace)),
    vscode.commands.registerCommand('calico.showReachability', showReachabilityCommand(reachability)),
    vscode.commands.registerCommand('calico.selectSimulationScope', selectSimulationScopeCommand()),
    vscode.commands.registerCommand(ExplainPolicyCommand, explainPolicyCommand(state)),
    vscode.commands.registerCommand('calico.whatChanges', whatChangesCommand(state)),
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
    traffic: { shownTrace: () => trace.shown, reachabilityTiming: () => reachability.lastTiming },
  };
}

export async function deactivate(): Promise<void> {
  await calico?.dispose();
  calico = undefined;
}
