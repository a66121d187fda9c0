// The endpoints and the protocol/port pairs the simulator knows, for pickers and the matrix.
import type { EndpointInfo } from '../../../protocol/traffic';
import { parseCidr } from './ip';
import { protocolName, protocolNumber } from './protocols';
import type { TrafficModel } from './types';

export function listEndpoints(model: TrafficModel): EndpointInfo[] {
  const out: EndpointInfo[] = [];
  for (const w of [...model.workloads.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const info: EndpointInfo = { id: w.id, kind: 'workload', namespace: w.namespace, name: w.name, labels: { ...w.labels } };
    if (w.namedPorts.size) info.namedPorts = Object.fromEntries(w.namedPorts);
    if (w.ips.length) info.ips = w.ips.map((ip) => ip.text);
    if (w.location) info.location = w.location;
    out.push(info);
  }
  for (const s of model.networkSets) {
    const info: EndpointInfo = { id: s.id, kind: s.kind, name: s.name, labels: { ...s.labels }, ips: s.nets.map((n) => n.text) };
    if (s.namespace) info.namespace = s.namespace;
    if (s.location) info.location = s.location;
    out.push(info);
  }
  const seen = new Set<string>();
  for (const text of [...model.ruleNets, ...model.networkSets.flatMap((s) => s.nets.map((n) => n.text))]) {
    const cidr = parseCidr(text);
    if (!cidr || seen.has(cidr.text)) continue;
    seen.add(cidr.text);
    out.push({ id: cidr.text.includes('/') ? cidr.text : cidr.text, kind: 'external', name: cidr.text, labels: {}, ips: [cidr.text] });
  }
  return out;
}

/** Protocol/port pairs the policies mention (numeric ports and the first port of ranges), sorted. */
export function policyPorts(model: TrafficModel): { protocol: string; port?: number }[] {
  const seen = new Map<string, { protocol: string; port?: number }>();
  const add = (protocol: string | undefined, port?: string) => {
    const n = protocolNumber(protocol);
    if (n === undefined) return;
    const name = protocolName(n);
    const m = port === undefined ? undefined : /^(\d+)(?::\d+)?$/.exec(port.trim());
    if (port !== undefined && !m) return;
    const entry = m ? { protocol: name, port: Number(m[1]) } : { protocol: name };
    seen.set(`${name}|${m ? m[1] : ''}`, entry);
  };
  for (const p of [...model.enforced, ...model.staged]) {
    for (const rule of [...p.facts.ingress, ...p.facts.egress]) {
      if (rule.kubernetes) for (const port of rule.kubernetes.ports) add(port.protocol, port.port);
      else if (rule.protocol) {
        const ports = rule.destination.ports ?? [];
        if (ports.length === 0) add(rule.protocol);
        for (const port of ports) add(rule.protocol, port);
      }
    }
  }
  return [...seen.values()].sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : (a.port ?? 0) - (b.port ?? 0)));
}
