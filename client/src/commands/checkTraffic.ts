// "Calico: Check Traffic…": pick source and destination from the known endpoints, type protocol and port, and see
// the verdict with its trace. Given {from, to, protocol} (the matrix, tests) it asks no questions.
import * as vscode from 'vscode';
import {
  ListEndpointsRequest,
  SimulateRequest,
  type CheckTrafficArgs,
  type EndpointInfo,
  type FlowQuery,
  type FlowResult,
  type ListEndpointsResult,
  type SimulateParams,
  type SimulateResult,
} from '../../../protocol';
import type { CalicoClient } from '../calicoClient';
import { parseProtocolPort, protocolPortText, type ProtocolPort } from '../traffic/protocolPort';
import type { TracePanel } from '../traffic/tracePanel';

export type CheckTrafficInput = CheckTrafficArgs & Partial<FlowQuery>;

interface EndpointItem extends vscode.QuickPickItem {
  endpoint: EndpointInfo;
}

const KIND_WORDS: Record<EndpointInfo['kind'], string> = {
  workload: 'workload',
  'network-set': 'network set',
  'global-network-set': 'global network set',
  external: 'outside the cluster',
};

function endpointItems(endpoints: EndpointInfo[], first?: string): EndpointItem[] {
  const items = endpoints.map((endpoint) => ({
    label: endpoint.id,
    description: KIND_WORDS[endpoint.kind],
    detail: Object.entries(endpoint.labels)
      .filter(([k]) => !k.startsWith('projectcalico.org/') && !k.startsWith('pcns.') && !k.startsWith('pcsa.'))
      .map(([k, v]) => `${k}=${v}`)
      .join('  '),
    endpoint,
  }));
  if (first) items.sort((a, b) => (a.label === first ? -1 : b.label === first ? 1 : 0));
  return items;
}

async function pickEndpoint(endpoints: EndpointInfo[], title: string, preferred?: string): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<EndpointItem>();
  pick.title = title;
  pick.placeholder = 'NAMESPACE/NAME of a workload, or type an IP address';
  pick.matchOnDetail = true;
  pick.items = endpointItems(endpoints, preferred);
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const selected = pick.selectedItems[0]?.endpoint.id;
      // A typed IP address that is no known endpoint is still a valid peer outside the cluster.
      resolve(selected ?? (pick.value.trim() || undefined));
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  return chosen;
}

async function pickProtocolPort(ports: ListEndpointsResult['ports']): Promise<ProtocolPort | undefined> {
  const suggestions = ports.map((p) => ({ label: protocolPortText(p), description: 'in the policies' }));
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = 'Protocol and port';
  pick.placeholder = 'e.g. TCP 80, UDP 53, ICMP (a port may be a container port name)';
  pick.items = [...suggestions, { label: 'TCP' }, { label: 'UDP' }, { label: 'ICMP' }];
  const chosen = await new Promise<ProtocolPort | undefined>((resolve) => {
    pick.onDidChangeValue((value) => {
      const parsed = value ? parseProtocolPort(value) : undefined;
      pick.title = parsed && 'error' in parsed ? `Protocol and port — ${parsed.error}` : 'Protocol and port';
    });
    pick.onDidAccept(() => {
      const text = pick.selectedItems[0]?.label ?? pick.value;
      const parsed = parseProtocolPort(text);
      if ('error' in parsed) {
        pick.title = `Protocol and port — ${parsed.error}`;
        return;
      }
      resolve(parsed);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  return chosen;
}

/** Sends one flow to the server; errors (unknown endpoint) become a message naming the closest endpoints. */
export async function simulateOne(calico: CalicoClient, flow: FlowQuery): Promise<SimulateResult | undefined> {
  await calico.ready;
  try {
    const params: SimulateParams = { flows: [flow] };
    return await calico.client.sendRequest<SimulateResult>(SimulateRequest, params);
  } catch (error) {
    const suggestions = (error as { data?: { suggestions?: string[] } }).data?.suggestions;
    const more = suggestions?.length ? ` Did you mean ${suggestions.slice(0, 3).join(', ')}?` : '';
    void vscode.window.showErrorMessage(`Calico could not check ${flow.from} → ${flow.to}: ${(error as Error).message}${more}`);
    return undefined;
  }
}

export function checkTrafficCommand(calico: CalicoClient, trace: TracePanel) {
  return async (input?: CheckTrafficInput): Promise<FlowResult | undefined> => {
    const args: CheckTrafficInput = input && typeof input === 'object' ? input : {};
    let { from, to, protocol, port } = args;
    if (!from || !to || !protocol) {
      await calico.ready;
      const known = await calico.client.sendRequest<ListEndpointsResult>(ListEndpointsRequest, {});
      if (known.endpoints.length === 0) {
        void vscode.window.showInformationMessage('Calico found no workloads in the workspace: add Pod or Deployment manifests to check traffic between them.');
        return undefined;
      }
      from ??= await pickEndpoint(known.endpoints, 'Check traffic: from', args.endpoint);
      if (!from) return undefined;
      to ??= await pickEndpoint(known.endpoints.filter((e) => e.id !== from), `Check traffic: ${from} to`);
      if (!to) return undefined;
      if (!protocol) {
        const pp = await pickProtocolPort(known.ports);
        if (!pp) return undefined;
        ({ protocol, port } = pp);
      }
    }
    const flow: FlowQuery = port === undefined ? { from, to, protocol } : { from, to, protocol, port };
    const answer = await simulateOne(calico, flow);
    const result = answer?.results[0];
    if (!result) return undefined;
    trace.show(result, args.policy);
    if (answer.warnings.length) void vscode.window.showWarningMessage(`Calico: ${answer.warnings.join(' ')}`);
    return result;
  };
}
