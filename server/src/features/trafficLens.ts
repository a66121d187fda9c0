// "Check traffic…" lenses: one above each workload manifest (as the flow's source) and one above each policy.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { CodeLens } from 'vscode-languageserver/node';
import { resourcesOf, type ParsedFile } from '../document';
import { CheckTrafficCommand, type CheckTrafficArgs } from '../../../protocol';
import { kindInfo } from '../schema';

export const CHECK_TRAFFIC_TITLE = 'Check traffic…';

/** Kinds whose pods the simulator addresses as `NAMESPACE/NAME`. */
const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);
/** Kinds with rules the simulator evaluates (enforced or staged), from the one kind table. */
function isRulePolicy(kind: string): boolean {
  const info = kindInfo(kind);
  return !!info && info.hasRules && info.edition === 'oss';
}

function text(map: YAMLMap | undefined, key: string): string | undefined {
  const v = map?.get(key, true);
  return isScalar(v) && typeof v.value === 'string' && v.value ? v.value : undefined;
}

function metadata(node: YAMLMap): YAMLMap | undefined {
  const m = node.get('metadata', true);
  return isMap(m) ? m : undefined;
}

/** Calico's name for a policy: `ns/name`, a global one by name, a Kubernetes one `ns/knp.default.name`. */
function calicoPolicyName(kind: string, family: string, name: string, namespace: string | undefined): string {
  if (kindInfo(kind)?.namespaced === false) return name;
  const ns = namespace ?? 'default';
  if (family === 'kubernetes' || kind === 'StagedKubernetesNetworkPolicy') return `${ns}/knp.default.${name}`;
  return `${ns}/${name}`;
}

export function trafficLenses(file: ParsedFile, uri: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  const add = (offset: number, args: CheckTrafficArgs) => {
    const pos = file.lines.positionAt(offset);
    lenses.push({ range: { start: pos, end: pos }, command: { title: CHECK_TRAFFIC_TITLE, command: CheckTrafficCommand, arguments: [args] } });
  };
  for (const doc of file.documents) {
    const policies = resourcesOf(doc);
    if (policies.length > 0) {
      for (const { resource, node } of policies) {
        if (!isRulePolicy(resource.kind) || !resource.name) continue;
        add(node.range?.[0] ?? doc.start, { policy: calicoPolicyName(resource.kind, resource.family, resource.name, resource.namespace), uri });
      }
      continue;
    }
    const root = doc.yaml.contents;
    if (!isMap(root)) continue;
    const kind = text(root, 'kind');
    const name = text(metadata(root), 'name');
    if (!kind || !WORKLOAD_KINDS.has(kind) || !name) continue;
    const namespace = text(metadata(root), 'namespace') ?? 'default';
    add(root.range?.[0] ?? doc.start, { endpoint: `${namespace}/${name}`, uri });
  }
  return lenses;
}

