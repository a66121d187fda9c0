// Kubernetes NetworkPolicy (and StagedKubernetesNetworkPolicy) label selectors, ipBlocks and port ranges.
import { isPair, isScalar, type Node, type YAMLMap } from 'yaml';
import type { CheckContext } from './context';
import { keyNode, mapAt, mapItems, scalarAt, scalarItems, seqAt, stringValue } from './context';
import { labelValueProblem, qualifiedNameProblem } from './names';
import { parseCidr } from './protocols';
import { checkStagedDelete } from './policyChecks';
import { isYaml11Boolean } from './structure';

export function checkKubernetesPolicy(ctx: CheckContext, staged: boolean): void {
  const spec = mapAt(ctx.root, 'spec');
  if (!spec) return;
  const code = staged ? 'SKNP-CONVERT' : 'K8S-POLICY';
  if (staged && stringValue(scalarAt(spec, 'stagedAction')) === 'Delete') {
    checkStagedDelete(ctx, spec, ['stagedAction']);
    return;
  }
  checkLabelSelector(ctx, mapAt(spec, 'podSelector'), code);
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    for (const rule of mapItems(seqAt(spec, direction))) {
      for (const peer of mapItems(seqAt(rule, peers))) {
        checkLabelSelector(ctx, mapAt(peer, 'podSelector'), code);
        checkLabelSelector(ctx, mapAt(peer, 'namespaceSelector'), code);
        const ipBlock = mapAt(peer, 'ipBlock');
        if (ipBlock && (mapAt(peer, 'podSelector') || mapAt(peer, 'namespaceSelector'))) {
          ctx.error(code, '`ipBlock` cannot be combined with `podSelector` or `namespaceSelector` in the same peer.', keyNode(peer, 'ipBlock'));
        }
        if (ipBlock) checkIpBlock(ctx, ipBlock, code);
      }
      for (const port of mapItems(seqAt(rule, 'ports'))) {
        const p = scalarAt(port, 'port');
        const end = scalarAt(port, 'endPort');
        if (end && typeof end.value === 'number') {
          if (!p || typeof p.value !== 'number') ctx.error(code, '`endPort` needs a numeric `port`.', end);
          else if (end.value < p.value) ctx.error(code, `\`endPort\` ${end.value} is below \`port\` ${p.value}.`, end);
        }
        if (p && typeof p.value === 'number' && (p.value < 1 || p.value > 65535)) ctx.error(code, `Port ${p.value} is out of range; use 1–65535.`, p);
      }
    }
  }
}

function checkIpBlock(ctx: CheckContext, ipBlock: YAMLMap, code: string): void {
  const cidr = scalarAt(ipBlock, 'cidr');
  const parsed = cidr ? parseCidr(String(cidr.value)) : undefined;
  if (cidr && !parsed) ctx.error(code, `\`${String(cidr.value)}\` is not a CIDR such as \`10.0.0.0/8\`.`, cidr);
  for (const ex of scalarItems(seqAt(ipBlock, 'except'))) {
    if (!parseCidr(String(ex.value))) ctx.error(code, `\`${String(ex.value)}\` is not a CIDR such as \`10.1.0.0/16\`.`, ex);
  }
}

function checkLabelSelector(ctx: CheckContext, selector: YAMLMap | undefined, code: string): void {
  if (!selector) return;
  const labels = mapAt(selector, 'matchLabels');
  for (const pair of labels?.items ?? []) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const kp = qualifiedNameProblem(key);
    if (kp) ctx.error(code, `Invalid label key \`${key}\`: ${kp}.`, pair.key as Node);
    const v = pair.value as Node | null;
    if (isScalar(v) && v.value !== null) {
      if (typeof v.value !== 'string' || isYaml11Boolean(v)) ctx.error(code, `The value of \`${key}\` must be a string; quote it.`, v);
      else {
        const vp = labelValueProblem(v.value);
        if (vp) ctx.error(code, `Invalid value for \`${key}\`: ${vp}.`, v);
      }
    }
  }
  for (const expr of mapItems(seqAt(selector, 'matchExpressions'))) {
    const op = stringValue(scalarAt(expr, 'operator'));
    const values = seqAt(expr, 'values');
    const count = values?.items.length ?? 0;
    const key = scalarAt(expr, 'key');
    if (key && typeof key.value === 'string') {
      const kp = qualifiedNameProblem(key.value);
      if (kp) ctx.error(code, `Invalid label key \`${key.value}\`: ${kp}.`, key);
    }
    if ((op === 'In' || op === 'NotIn') && count === 0) ctx.error(code, `Operator \`${op}\` needs at least one value.`, scalarAt(expr, 'operator'));
    if ((op === 'Exists' || op === 'DoesNotExist') && count > 0) ctx.error(code, `Operator \`${op}\` takes no values.`, keyNode(expr, 'values'));
  }
}
