// Builds traffic models from YAML snippets and small manifest generators, the way the CLI and server do.
import { parseFile } from '../../../server/src/document';
import { buildTrafficModel, simulateFlow, type MissingData, type TrafficModel } from '../../../server/src/traffic';
import type { FlowQuery, FlowResult } from '../../../protocol/traffic';

export function modelOf(...yamls: string[]): TrafficModel {
  return buildTrafficModel({ files: yamls.map((text, i) => ({ uri: `file:///work/t${i}.yaml`, file: parseFile(text) })) });
}

export function modelWithMissing(missing: MissingData[], ...yamls: string[]): TrafficModel {
  return buildTrafficModel({ files: yamls.map((text, i) => ({ uri: `file:///work/t${i}.yaml`, file: parseFile(text) })), missing });
}

export function flow(model: TrafficModel, from: string, to: string, protocol = 'TCP', port?: number | string, extra: Partial<FlowQuery> = {}): FlowResult {
  const q: FlowQuery = { from, to, protocol, ...extra };
  if (port !== undefined) q.port = port;
  return simulateFlow(model, q);
}

export interface PodOptions {
  sa?: string;
  ip?: string | string[];
  ports?: { name: string; port: number; protocol?: string }[];
  kind?: string;
}

function labelLines(labels: Record<string, string>, indent: string): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return `${indent}labels: {}\n`;
  return `${indent}labels:\n${entries.map(([k, v]) => `${indent}  ${k}: "${v}"\n`).join('')}`;
}

function containers(opts: PodOptions, indent: string): string {
  let out = `${indent}containers:\n${indent}  - name: c\n${indent}    image: busybox\n`;
  if (opts.ports?.length) {
    out += `${indent}    ports:\n`;
    for (const p of opts.ports) out += `${indent}      - name: ${p.name}\n${indent}        containerPort: ${p.port}\n${p.protocol ? `${indent}        protocol: ${p.protocol}\n` : ''}`;
  }
  return out;
}

/** A Pod manifest (or a Deployment with `kind: 'Deployment'`). */
export function pod(ns: string | undefined, name: string, labels: Record<string, string>, opts: PodOptions = {}): string {
  const kind = opts.kind ?? 'Pod';
  const meta = `metadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;
  const ips = opts.ip === undefined ? [] : Array.isArray(opts.ip) ? opts.ip : [opts.ip];
  if (kind === 'Pod') {
    let out = `apiVersion: v1\nkind: Pod\n${meta}${labelLines(labels, '  ')}spec:\n${opts.sa ? `  serviceAccountName: ${opts.sa}\n` : ''}${containers(opts, '  ')}`;
    if (ips.length) out += `status:\n  podIP: ${ips[0]}\n  podIPs:\n${ips.map((ip) => `    - ip: ${ip}\n`).join('')}`;
    return out;
  }
  return `apiVersion: apps/v1\nkind: ${kind}\n${meta}spec:\n  template:\n    metadata:\n${labelLines(labels, '      ')}    spec:\n${opts.sa ? `      serviceAccountName: ${opts.sa}\n` : ''}${containers(opts, '      ')}`;
}

export function namespace(name: string, labels: Record<string, string> = {}): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labelLines(labels, '  ')}`;
}

export function serviceAccount(ns: string, name: string, labels: Record<string, string>): string {
  return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${labelLines(labels, '  ')}`;
}

export const docs = (...parts: string[]) => parts.join('---\n');
