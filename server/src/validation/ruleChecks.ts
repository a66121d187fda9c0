// Checks on each policy rule and its source/destination: protocols, ports, ICMP, CIDRs, HTTP, services.
import { isMap, isPair, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { CheckContext } from './context';
import { get, has, keyNode, mapAt, pairOf, scalarAt, scalarItems, seqAt, stringValue } from './context';
import { checkAnnotations } from './metadata';
import { portNameProblem } from './names';
import { parseCidr, protocolHasPorts, readPort, readProtocol } from './protocols';
import { NEWEST_RULES_SINCE, versionAtLeast } from './version';

export type Direction = 'ingress' | 'egress';
const SIDES = ['source', 'destination'] as const;

export function checkRule(ctx: CheckContext, rule: YAMLMap, direction: Direction, isGlobal: boolean): void {
  const protocol = checkProtocol(ctx, rule, 'protocol');
  checkProtocol(ctx, rule, 'notProtocol');
  const protoNumber = protocol?.ok ? protocol.number : undefined;
  const protoSet = has(rule, 'protocol') && scalarAt(rule, 'protocol')?.value != null;
  checkPorts(ctx, rule, protoSet, protoNumber, protocol?.ok ?? true);
  checkIcmp(ctx, rule, protoNumber, protoSet);
  checkNets(ctx, rule);
  checkHttp(ctx, rule, direction, protoNumber, protoSet);
  for (const side of SIDES) {
    const entity = mapAt(rule, side);
    if (entity) checkServices(ctx, entity, side, direction, isGlobal);
  }
  const meta = mapAt(rule, 'metadata');
  if (meta) checkAnnotations(ctx, mapAt(meta, 'annotations'), 'RULE-META-ANNOT', 'RULE-META-ANNOT');
}

function checkProtocol(ctx: CheckContext, rule: YAMLMap, field: 'protocol' | 'notProtocol') {
  const node = scalarAt(rule, field);
  if (!node || node.value === null) return undefined;
  const reading = readProtocol(node.value);
  if (!reading.ok) {
    const fixes = reading.suggestion
      ? [{ title: `Change to '${reading.suggestion}'`, edits: [{ start: node.range![0], end: node.range![1], newText: reading.suggestion }], isPreferred: true }]
      : undefined;
    ctx.error('RULE-PROTO', `Invalid \`${field}\`: ${reading.message}${reading.message.endsWith('?') ? '' : '.'}`, node, fixes);
  }
  return reading;
}

/** Inserts `protocol: TCP` as the first key of the rule, matching its layout. */
function addProtocolFix(ctx: CheckContext, rule: YAMLMap) {
  const first = rule.items.find((p) => isPair(p))?.key as Node | undefined;
  if (!first?.range) return undefined;
  const at = first.range[0];
  const newText = rule.flow ? 'protocol: TCP, ' : `protocol: TCP${ctx.eol}${' '.repeat(ctx.file.lines.positionAt(at).character)}`;
  return { title: 'Add protocol: TCP', edits: [{ start: at, end: at, newText }], isPreferred: true };
}

function checkPorts(ctx: CheckContext, rule: YAMLMap, protoSet: boolean, proto: number | undefined, protoValid: boolean): void {
  const newest = versionAtLeast(ctx.options.calicoVersion, NEWEST_RULES_SINCE);
  let reportedNoProto = false;
  for (const side of SIDES) {
    const entity = mapAt(rule, side);
    if (!entity) continue;
    for (const field of ['ports', 'notPorts'] as const) {
      const seq = seqAt(entity, field);
      if (!seq || seq.items.length === 0) continue;
      if (protoSet && protoValid && proto !== undefined && !protocolHasPorts(proto)) {
        ctx.error('RULE-PORTS-PROTO', `\`${side}.${field}\` needs protocol TCP, UDP or SCTP; protocol ${stringValue(scalarAt(rule, 'protocol')) ?? proto} has no ports.`, keyNode(entity, field));
      }
      for (const item of seq.items) {
        if (!isScalar(item)) {
          ctx.error('PORT-PARSE', 'A port must be a number, a quoted range "min:max" or a port name.', item as Node);
          continue;
        }
        const port = readPort(item.value);
        if (port.kind === 'invalid') {
          const fixes = port.code === 'PORT-PARSE' && typeof item.value === 'string' && /^\d+-\d+$/.test(item.value)
            ? [{ title: `Change to "${item.value.replace('-', ':')}"`, edits: [{ start: item.range![0], end: item.range![1], newText: JSON.stringify(item.value.replace('-', ':')) }], isPreferred: true }]
            : undefined;
          ctx.error(port.code, `Invalid port: ${port.message}.`, item, fixes);
          continue;
        }
        if (port.kind === 'name') {
          const problem = portNameProblem(port.name);
          const range = /^\d+-\d+$/.test(port.name) ? port.name.replace('-', ':') : undefined;
          if (problem) ctx.error('PORT-NAME', `Invalid named port \`${port.name}\`: a port name ${problem}${range ? ` (a port range is written "${range}")` : ''}.`, item,
            range ? [{ title: `Change to "${range}"`, edits: [{ start: item.range![0], end: item.range![1], newText: JSON.stringify(range) }], isPreferred: true }] : undefined);
        }
        if (!protoSet && !reportedNoProto && (port.kind === 'number' || !newest)) {
          reportedNoProto = true;
          const what = port.kind === 'number' ? 'numeric ports or port ranges' : 'ports';
          const fix = addProtocolFix(ctx, rule);
          ctx.error('RULE-PORTS-NOPROTO', `Rules with ${what} must set \`protocol\` to TCP, UDP or SCTP.`, item, fix ? [fix] : undefined);
        }
      }
    }
  }
}

function checkIcmp(ctx: CheckContext, rule: YAMLMap, proto: number | undefined, protoSet: boolean): void {
  for (const field of ['icmp', 'notICMP'] as const) {
    const icmp = mapAt(rule, field);
    if (!icmp) continue;
    if (!protoSet || (proto !== undefined && proto !== 1 && proto !== 58)) {
      ctx.error('RULE-ICMP-PROTO', `\`${field}\` needs \`protocol\` ICMP or ICMPv6.`, keyNode(rule, field));
    }
    const type = scalarAt(icmp, 'type');
    const code = scalarAt(icmp, 'code');
    if (code && code.value !== null && (!type || type.value === null)) {
      ctx.error('ICMP-CODE-NOTYPE', `\`${field}.code\` needs \`${field}.type\` as well.`, keyNode(icmp, 'code'));
    }
    if (type && typeof type.value === 'number' && (type.value < 0 || type.value > 254)) {
      ctx.error('ICMP-RANGE', `ICMP type ${type.value} is out of range; use 0–254.`, type);
    }
    if (code && typeof code.value === 'number' && (code.value < 0 || code.value > 255)) {
      ctx.error('ICMP-RANGE', `ICMP code ${code.value} is out of range; use 0–255.`, code);
    }
  }
  const ipVersion = scalarAt(rule, 'ipVersion');
  const v = ipVersion ? Number(ipVersion.value) : undefined;
  if (v !== 4 && v !== 6) return;
  for (const field of ['protocol', 'notProtocol'] as const) {
    const node = scalarAt(rule, field);
    const reading = node ? readProtocol(node.value) : undefined;
    if (!reading?.ok) continue;
    if (reading.number === 1 && v === 6) ctx.error('RULE-ICMP-IPVER', `\`${field}: ICMP\` is IPv4 only; use ICMPv6 with \`ipVersion: 6\`, or \`ipVersion: 4\`.`, node);
    if (reading.number === 58 && v === 4) ctx.error('RULE-ICMP-IPVER', `\`${field}: ICMPv6\` is IPv6 only; use ICMP with \`ipVersion: 4\`, or \`ipVersion: 6\`.`, node);
  }
}

function checkNets(ctx: CheckContext, rule: YAMLMap): void {
  const families = new Set<number>();
  let firstOther: Node | undefined;
  const ipVersion = Number(scalarAt(rule, 'ipVersion')?.value);
  const newest = versionAtLeast(ctx.options.calicoVersion, NEWEST_RULES_SINCE);
  for (const side of SIDES) {
    const entity = mapAt(rule, side);
    for (const field of ['nets', 'notNets'] as const) {
      for (const item of scalarItems(seqAt(entity, field))) {
        const text = item.value === null ? '' : String(item.value);
        const cidr = parseCidr(text);
        if (!cidr) {
          const bare = /^[0-9a-fA-F:.]+$/.test(text) && text.includes('.') ? `${text}/32` : text.includes(':') && /^[0-9a-fA-F:]+$/.test(text) ? `${text}/128` : undefined;
          ctx.error('RULE-NET-PARSE', `\`${text}\` is not a CIDR; rule nets need an address and prefix length, e.g. \`10.0.0.0/8\`${bare ? ` or \`${bare}\` for one address` : ''}.`, item,
            bare ? [{ title: `Change to ${bare}`, edits: [{ start: item.range![0], end: item.range![1], newText: bare }], isPreferred: true }] : undefined);
          continue;
        }
        if (cidr.hostBitsSet) {
          ctx.error('RULE-NET-MASK', `\`${text}\` has host bits set; the network is \`${cidr.network}\`.`, item, [
            { title: `Change to ${cidr.network}`, edits: [{ start: item.range![0], end: item.range![1], newText: cidr.network }], isPreferred: true },
          ]);
        }
        if ((ipVersion === 4 || ipVersion === 6) && cidr.family !== ipVersion) {
          ctx.error('RULE-NET-IPVER', `\`${text}\` is an IPv${cidr.family} CIDR but the rule has \`ipVersion: ${ipVersion}\`.`, item);
        }
        if (families.size && !families.has(cidr.family) && !firstOther) firstOther = item;
        families.add(cidr.family);
        if (field === 'notNets' && cidr.prefix === 0 && newest) {
          ctx.error('RULE-NOTNET-ALL', `\`notNets: ${text}\` excludes every address, so this rule could never match and Calico rejects it; remove this entry.`, item);
        }
      }
    }
  }
  if (families.size > 1 && firstOther) ctx.error('RULE-NET-MIX', 'This rule mixes IPv4 and IPv6 CIDRs; split it into one rule per IP version.', firstOther);
}

function checkHttp(ctx: CheckContext, rule: YAMLMap, direction: Direction, proto: number | undefined, protoSet: boolean): void {
  const http = get(rule, 'http');
  if (!http || (isScalar(http) && http.value === null)) return;
  const key = keyNode(rule, 'http');
  if (direction === 'egress') ctx.error('POL-EGRESS-HTTP', '`http` matches are not allowed in egress rules.', key);
  const action = stringValue(scalarAt(rule, 'action'));
  if (action && action !== 'Allow') ctx.error('RULE-HTTP-ACTION', `\`http\` matches are only valid on Allow rules, not ${action}.`, key);
  if (protoSet && proto !== undefined && proto !== 6) ctx.error('RULE-HTTP-PROTO', 'Rules with an `http` match must use protocol TCP or leave it unset.', scalarAt(rule, 'protocol'));
  if (!isMap(http)) return;
  const seen = new Set<string>();
  for (const m of scalarItems(seqAt(http, 'methods'))) {
    const text = String(m.value);
    if (seen.has(text)) ctx.error('HTTP-METHOD-DUP', `HTTP method \`${text}\` is listed twice.`, m);
    seen.add(text);
  }
  for (const p of seqAt(http, 'paths')?.items ?? []) {
    if (!isMap(p)) continue;
    const exact = scalarAt(p, 'exact');
    const prefix = scalarAt(p, 'prefix');
    if ((exact ? 1 : 0) + (prefix ? 1 : 0) !== 1) {
      ctx.error('HTTP-PATH', 'Each HTTP path entry needs exactly one of `exact` or `prefix`.', p);
      continue;
    }
    const node = (exact ?? prefix)!;
    const value = node.value === null ? '' : String(node.value);
    if (!value.startsWith('/')) ctx.error('HTTP-PATH', `HTTP path \`${value}\` must start with \`/\`.`, node);
    else if (/[?# ]/.test(value)) ctx.error('HTTP-PATH', `HTTP path \`${value}\` must not contain \`?\`, \`#\` or spaces.`, node);
  }
}

/** Calico only objects to a field next to `services` when it is set to something non-empty. */
function hasContent(entity: YAMLMap, field: string): boolean {
  const value = pairOf(entity, field)?.value;
  if (!value) return false;
  if (isScalar(value)) return value.value !== null && value.value !== '';
  if (isMap(value) || isSeq(value)) return value.items.length > 0;
  return true;
}

function checkServices(ctx: CheckContext, entity: YAMLMap, side: 'source' | 'destination', direction: Direction, isGlobal: boolean): void {
  const services = get(entity, 'services');
  if (!services || (isScalar(services) && services.value === null)) return;
  const key = keyNode(entity, 'services');
  if (direction === 'egress' && side === 'source') ctx.error('POL-EGRESS-SRC-SVC', '`services` is not allowed in the source of an egress rule; use it in `destination`.', key);
  if (direction === 'ingress' && side === 'destination') ctx.error('POL-INGRESS-DST-SVC', '`services` is not allowed in the destination of an ingress rule; use it in `source`.', key);
  const conflicts: [string, string, string][] = [
    ['selector', 'ER-SVC-SEL', 'Selector'],
    ['notSelector', 'ER-SVC-SEL', 'NotSelector'],
    ['nets', 'ER-SVC-NETS', 'Nets'],
    ['notNets', 'ER-SVC-NETS', 'NotNets'],
    ['namespaceSelector', 'ER-SVC-NSSEL', 'NamespaceSelector'],
    ['serviceAccounts', 'ER-SVC-SA', 'ServiceAccounts'],
  ];
  for (const [field, code] of conflicts) {
    if (hasContent(entity, field)) ctx.error(code, `\`${field}\` cannot be combined with \`services\` in the same ${side}.`, keyNode(entity, field));
  }
  if (side === 'destination') {
    for (const field of ['ports', 'notPorts']) {
      if (hasContent(entity, field)) ctx.error('RULE-SVC-DSTPORTS', `\`destination.${field}\` cannot be used with \`destination.services\`; the Service's own ports apply.`, keyNode(entity, field));
    }
  }
  if (!isMap(services)) return;
  if (isGlobal && !stringValue(scalarAt(services, 'namespace')) && ((direction === 'egress' && side === 'destination') || (direction === 'ingress' && side === 'source'))) {
    ctx.error('GNP-SVC-NS', 'In a GlobalNetworkPolicy, `services` must specify a `namespace`.', key);
  }
}

