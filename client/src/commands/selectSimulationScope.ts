// "Calico: Select Simulation Scope": where the traffic simulator takes policies and workloads from.
import * as vscode from 'vscode';

const CHOICES: (vscode.QuickPickItem & { scope: string })[] = [
  { scope: 'cluster+workspace', label: 'Cluster + workspace', description: 'default', detail: 'The cluster\'s policies and workloads with the workspace files on top; the workspace only while the cluster is off.' },
  { scope: 'workspace', label: 'Workspace', detail: 'Only the YAML files in the workspace and open editors.' },
  { scope: 'cluster', label: 'Cluster', detail: 'Only what the cluster holds (trusted workspaces with the cluster on).' },
];

export function selectSimulationScopeCommand() {
  return async (): Promise<string | undefined> => {
    const config = vscode.workspace.getConfiguration('calico');
    const current = config.get<string>('simulation.scope', 'cluster+workspace');
    const items = CHOICES.map((c) => ({ ...c, picked: c.scope === current, label: c.scope === current ? `$(check) ${c.label}` : c.label }));
    const chosen = await vscode.window.showQuickPick(items, { title: 'Simulate traffic with policies and workloads from', placeHolder: `Now: ${current}` });
    if (!chosen) return undefined;
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('simulation.scope', chosen.scope, target);
    return chosen.scope;
  };
}
