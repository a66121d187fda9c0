// Checks for NetworkSet, GlobalNetworkSet, Tier and HostEndpoint specs.
import { isMap, isScalar, type Node } from 'yaml';
import type { CheckContext } from './context';
import { keyNode, mapAt, scalarAt, scalarItems, seqAt, stringValue } from './context';
import { ipFamily, parseCidr } from './protocols';
import { subdomainRe } from './names';
import { builtinTiers } from '../schema/builtinTiers';
import { checkDomainList } from './ruleChecks';

export function checkNetworkSet(ctx: CheckContext): void {
  const spec = mapAt(ctx.root, 'spec');
  for (const item of scalarItems(seqAt(spec, 'nets'))) {
    const text = item.value === null ? '' : String(item.value);
    if (ipFamily(text) || parseCidr(text)) continue;
    ctx.error('SET-NETS', `\`${text}\` is not an IP address or CIDR.`, item);
  }
  const domains = seqAt(spec, 'allowedEgressDomains');
  if (domains) checkDomainList(ctx, domains);
}

export function checkTier(ctx: CheckContext): void {
  const name = ctx.resource.name;
  const builtin = name ? builtinTiers[name] : undefined;
  if (!builtin) return;
  const spec = mapAt(ctx.root, 'spec');
  const action = scalarAt(spec, 'defaultAction');
  const actionValue = stringValue(action) ?? 'Deny';
  if (actionValue !== builtin.defaultAction) {
    ctx.error('TIER-BUILTIN-ACTION', `The '${name}' tier must have default action '${builtin.defaultAction}'.`, action ?? keyNode(ctx.root, 'spec') ?? scalarAt(mapAt(ctx.root, 'metadata'), 'name'),
      action?.range ? [{ title: `Change to '${builtin.defaultAction}'`, edits: [{ start: action.range[0], end: action.range[1], newText: builtin.defaultAction }], isPreferred: true }] : undefined);
  }
  const order = scalarAt(spec, 'order');
  if (!order || order.value !== builtin.order) {
    ctx.error('TIER-BUILTIN-ORDER', `The '${name}' tier order must be ${builtin.order}.`, order ?? keyNode(ctx.root, 'spec') ?? scalarAt(mapAt(ctx.root, 'metadata'), 'name'),
      order?.range ? [{ title: `Change to ${builtin.order}`, edits: [{ start: order.range[0], end: order.range[1], newText: String(builtin.order) }], isPreferred: true }] : undefined);
  }
}

export function checkHostEndpoint(ctx: CheckContext): void {
  const spec = mapAt(ctx.root, 'spec');
  if (!spec) {
    ctx.error('HEP-NODE', 'A HostEndpoint needs a `spec` with `node` and `interfaceName` or `expectedIPs`.', keyNode(ctx.root, 'kind'));
    return;
  }
  const iface = scalarAt(spec, 'interfaceName');
  const ifaceName = stringValue(iface);
  const ips = seqAt(spec, 'expectedIPs');
  if (!ifaceName && !(ips && ips.items.length) && !ctx.doc.templated) {
    ctx.error('HEP-IFACE-OR-IPS', 'A HostEndpoint needs at least one of `interfaceName` or `expectedIPs`.', keyNode(ctx.root, 'spec'));
  }
  if (iface && ifaceName && ifaceName !== '*' && !/^[a-zA-Z0-9_.-]{1,15}$/.test(ifaceName)) {
    ctx.error('HEP-IFACE', `\`${ifaceName}\` is not a valid interface name: at most 15 characters of letters, digits, \`_\`, \`.\` and \`-\`, or \`*\`.`, iface);
  }
  for (const ip of scalarItems(ips)) {
    if (!ipFamily(String(ip.value))) ctx.error('HEP-IP', `\`${String(ip.value)}\` is not an IP address.`, ip);
  }
  for (const profile of scalarItems(seqAt(spec, 'profiles'))) {
    const text = profile.value === null ? '' : String(profile.value);
    if (!subdomainRe.test(text) || text.length > 253) {
      ctx.error('HEP-PROFILE', `\`${text}\` is not a valid profile name: lower-case letters, digits, \`-\` and \`.\`, starting and ending with a letter or digit.`, profile);
    }
  }
  for (const port of seqAt(spec, 'ports')?.items ?? []) {
    if (!isMap(port)) continue;
    const name = scalarAt(port, 'name');
    if (!name || !stringValue(name)) ctx.error('HEP-PORT', 'Each host endpoint port needs a `name`.', (port.items[0]?.key as Node | undefined) ?? port);
    const protoNode = scalarAt(port, 'protocol');
    const proto = protoNode?.value;
    if (protoNode && proto !== null && proto !== 'TCP' && proto !== 'UDP' && proto !== 'SCTP') {
      ctx.error('HEP-PORT', `Host endpoint port protocol \`${String(proto)}\` does not support ports; use TCP, UDP or SCTP.`, protoNode);
    }
    const num = scalarAt(port, 'port');
    if (num && isScalar(num) && (typeof num.value !== 'number' || num.value < 1 || num.value > 65535)) {
      ctx.error('HEP-PORT', 'A host endpoint `port` must be a number 1–65535.', num);
    }
  }
}
