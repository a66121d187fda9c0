// Checks on each policy rule and its source/destination: protocols, ports, ICMP, CIDRs, HTTP, services.
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { readFields } from '../document/mapFields';
import type { CheckContext } from './context';
import { keyNode, mapAt, pairOf, scalarAt, scalarItems, seqAt, stringValue } from './context';
import { checkAnnotations } from './metadata';
import { domainNameProblem, portNameProblem } from './names';
import { parseCidr, protocolHasPorts, readPort, readProtocol, type Cidr, type PortReading, type ProtocolReading } from './protocols';
import { NAMED_PORTS_WITHOUT_PROTOCOL_SINCE, NOTNETS_CATCH_ALL_SINCE, versionAtLeast, type Release } from './version';

export type Direction = 'ingress' | 'egress';
const SIDES = ['source', 'destination'] as const;

/** A rule's fields the checks read, found in one pass (each the first pair of its name, as `YAMLMap.get` finds it). */
interface RuleFields {
  rule: YAMLMap;
  protocol?: Scalar;
  notProtocol?: Scalar;
  ipVersion?: Scalar;
  action?: Scalar;
  icmp?: YAMLMap;
  notICMP?: YAMLMap;
  http?: Node;
  metadata?: YAMLMap;
  source?: EntityFields;
  destination?: EntityFields;
}

/** The same for a rule's `source` or `destination`. */
interface EntityFields {
  map: YAMLMap;
  ports?: YAMLSeq;
  notPorts?: YAMLSeq;
  nets?: YAMLSeq;
  notNets?: YAMLSeq;
  services?: Node;
  domains?: YAMLSeq;
}

const RULE_FIELDS = ['protocol', 'notProtocol', 'ipVersion', 'action', 'icmp', 'notICMP', 'http', 'metadata', 'source', 'destination'];
const ENTITY_FIELDS = ['ports', 'notPorts', 'nets', 'notNets', 'services', 'domains'];
// Scratch for readFields: each is copied out before the next refill.
const ruleNodes: unknown[] = [];
const entityNodes: unknown[] = [];

const asScalar = (n: unknown) => (isScalar(n) ? n : undefined);
const asMap = (n: unknown) => (isMap(n) ? n : undefined);
const asSeq = (n: unknown) => (isSeq(n) ? n : undefined);

function readRule(rule: YAMLMap): RuleFields {
  const n = readFields(rule, RULE_FIELDS, ruleNodes);
  const source = n[8];
  const destination = n[9];
  return {
    rule,
    protocol: asScalar(n[0]),
    notProtocol: asScalar(n[1]),
    ipVersion: asScalar(n[2]),
    action: asScalar(n[3]),
    icmp: asMap(n[4]),
    notICMP: asMap(n[5]),
    http: n[6] as Node | undefined,
    metadata: asMap(n[7]),
    // readEntity refills the other scratch array, so this one is fully read above.
    source: isMap(source) ? readEntity(source) : undefined,
    destination: isMap(destination) ? readEntity(destination) : undefined,
  };
}

function readEntity(map: YAMLMap): EntityFields {
  const n = readFields(map, ENTITY_FIELDS, entityNodes);
  return { map, ports: asSeq(n[0]), notPorts: asSeq(n[1]), nets: asSeq(n[2]), notNets: asSeq(n[3]), services: n[4] as Node | undefined, domains: asSeq(n[5]) };
}

/** Remembers a pure reading per value (bounded): rules repeat the same protocols, ports and CIDRs. */
function remembered<K, V>(read: (key: K) => V, max = 2048): (key: K) => V {
  const seen = new Map<K, V>();
  return (key) => {
    const hit = seen.get(key);
    if (hit !== undefined || seen.has(key)) return hit as V;
    const value = read(key);
    if (seen.size >= max) seen.delete(seen.keys().next().value as K);
    seen.set(key, value);
    return value;
  };
}

const protocolOf: (value: unknown) => ProtocolReading = remembered(readProtocol);
const portOf: (value: unknown) => PortReading = remembered(readPort);
const cidrOf: (text: string) => Cidr | undefined = remembered(parseCidr);

let sinceFor: { version: string; answers: Map<Release, boolean> } | undefined;

/** Whether the configured release has a check introduced in `release` (asked for every rule, so remembered). */
function since(ctx: CheckContext, release: Release): boolean {
  const version = ctx.options.calicoVersion;
  if (sinceFor?.version !== version) sinceFor = { version, answers: new Map() };
  let answer = sinceFor.answers.get(release);
  if (answer === undefined) sinceFor.answers.set(release, (answer = versionAtLeast(version, release)));
  return answer;
}

export function checkRule(ctx: CheckContext, rule: YAMLMap, direction: Direction, isGlobal: boolean): void {
  const f = readRule(rule);
  const protocol = checkProtocol(ctx, f.protocol, 'protocol');
  checkProtocol(ctx, f.notProtocol, 'notProtocol');
  const protoNumber = protocol?.ok ? protocol.number : undefined;
  const protoSet = f.protocol?.value != null;
  checkPorts(ctx, f, protoSet, protoNumber, protocol?.ok ?? true);
  checkIcmp(ctx, f, protoNumber, protoSet);
  checkNets(ctx, f);
  checkHttp(ctx, f, direction, protoNumber, protoSet);
  checkDomains(ctx, f, direction);
  for (const side of SIDES) {
    const entity = f[side];
    if (entity) checkServices(ctx, entity, side, direction, isGlobal);
  }
  if (f.metadata) checkAnnotations(ctx, mapAt(f.metadata, 'annotations'), 'RULE-META-ANNOT', 'RULE-META-ANNOT');
}

function checkProtocol(ctx: CheckContext, node: Scalar | undefined, field: 'protocol' | 'notProtocol') {
  if (!node || node.value === null) return undefined;
  const reading = protocolOf(node.value);
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

function checkPorts(ctx: CheckContext, f: RuleFields, protoSet: boolean, proto: number | undefined, protoValid: boolean): void {
  const namedPortsFree = since(ctx, NAMED_PORTS_WITHOUT_PROTOCOL_SINCE);
  let reportedNoProto = false;
  for (const side of SIDES) {
    const entity = f[side];
    if (!entity) continue;
    for (const field of ['ports', 'notPorts'] as const) {
      const seq = entity[field];
      if (!seq || seq.items.length === 0) continue;
      if (protoSet && protoValid && proto !== undefined && !protocolHasPorts(proto)) {
        ctx.error('RULE-PORTS-PROTO', `\`${side}.${field}\` needs protocol TCP, UDP or SCTP; protocol ${stringValue(f.protocol) ?? proto} has no ports.`, keyNode(entity.map, field));
      }
      for (const item of seq.items) {
        if (!isScalar(item)) {
          ctx.error('PORT-PARSE', 'A port must be a number, a quoted range "min:max" or a port name.', item as Node);
          continue;
        }
        const port = portOf(item.value);
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
        if (!protoSet && !reportedNoProto && (port.kind === 'number' || !namedPortsFree)) {
          reportedNoProto = true;
          const what = port.kind === 'number' ? 'numeric ports or port ranges' : 'ports';
          const fix = addProtocolFix(ctx, f.rule);
          ctx.error('RULE-PORTS-NOPROTO', `Rules with ${what} must set \`protocol\` to TCP, UDP or SCTP.`, item, fix ? [fix] : undefined);
        }
      }
    }
  }
}

function checkIcmp(ctx: CheckContext, f: RuleFields, proto: number | undefined, protoSet: boolean): void {
  for (const field of ['icmp', 'notICMP'] as const) {
    const icmp = f[field];
    if (!icmp) continue;
    if (!protoSet || (proto !== undefined && proto !== 1 && proto !== 58)) {
      ctx.error('RULE-ICMP-PROTO', `\`${field}\` needs \`protocol\` ICMP or ICMPv6.`, keyNode(f.rule, field));
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
  const v = f.ipVersion ? Number(f.ipVersion.value) : undefined;
  if (v !== 4 && v !== 6) return;
  for (const field of ['protocol', 'notProtocol'] as const) {
    const node = f[field];
    const reading = node ? protocolOf(node.value) : undefined;
    if (!reading?.ok) continue;
    if (reading.number === 1 && v === 6) ctx.error('RULE-ICMP-IPVER', `\`${field}: ICMP\` is IPv4 only; use ICMPv6 with \`ipVersion: 6\`, or \`ipVersion: 4\`.`, node);
    if (reading.number === 58 && v === 4) ctx.error('RULE-ICMP-IPVER', `\`${field}: ICMPv6\` is IPv6 only; use ICMP with \`ipVersion: 4\`, or \`ipVersion: 6\`.`, node);
  }
}

function checkNets(ctx: CheckContext, f: RuleFields): void {
  let seen4 = false;
  let seen6 = false;
  let firstOther: Node | undefined;
  const ipVersion = Number(f.ipVersion?.value);
  for (const side of SIDES) {
    const entity = f[side];
    if (!entity) continue;
    for (const field of ['nets', 'notNets'] as const) {
      const seq = entity[field];
      if (!seq) continue;
      for (const item of seq.items) {
        if (!isScalar(item)) continue;
        const text = item.value === null ? '' : String(item.value);
        const cidr = cidrOf(text);
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
        // The first CIDR whose family differs from the first one seen marks where the mix starts.
        if ((cidr.family === 4 ? seen6 : seen4) && !firstOther) firstOther = item;
        if (cidr.family === 4) seen4 = true;
        else seen6 = true;
        if (field === 'notNets' && cidr.prefix === 0 && since(ctx, NOTNETS_CATCH_ALL_SINCE)) {
          ctx.error('RULE-NOTNET-ALL', `\`notNets: ${text}\` excludes every address, so this rule could never match and Calico rejects it; remove this entry.`, item);
        }
      }
    }
  }
  if (seen4 && seen6 && firstOther) ctx.error('RULE-NET-MIX', 'This rule mixes IPv4 and IPv6 CIDRs; split it into one rule per IP version.', firstOther);
}

function checkHttp(ctx: CheckContext, f: RuleFields, direction: Direction, proto: number | undefined, protoSet: boolean): void {
  const http = f.http;
  if (!http || (isScalar(http) && http.value === null)) return;
  const key = keyNode(f.rule, 'http');
  if (direction === 'egress') ctx.error('POL-EGRESS-HTTP', '`http` matches are not allowed in egress rules.', key);
  const action = stringValue(f.action);
  if (action && action !== 'Allow') ctx.error('RULE-HTTP-ACTION', `\`http\` matches are only valid on Allow rules, not ${action}.`, key);
  if (protoSet && proto !== undefined && proto !== 6) ctx.error('RULE-HTTP-PROTO', 'Rules with an `http` match must use protocol TCP or leave it unset.', f.protocol);
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
  for (const h of seqAt(http, 'headers')?.items ?? []) if (isMap(h)) checkHeaderMatch(ctx, h);
}

/** An Enterprise HTTP header match: `values` mean nothing to Exists/DoesNotExist and are needed by the others. */
function checkHeaderMatch(ctx: CheckContext, h: YAMLMap): void {
  const header = scalarAt(h, 'header');
  if (header && header.value !== null && (typeof header.value !== 'string' || header.value === '')) {
    ctx.warning('HTTP-HEADER', 'An HTTP header match needs the header name as a string, e.g. `x-forwarded-for`.', header);
  }
  const op = stringValue(scalarAt(h, 'operator'));
  const values = seqAt(h, 'values');
  const count = values?.items.length ?? 0;
  if ((op === 'Exists' || op === 'DoesNotExist') && count > 0) {
    ctx.warning('HTTP-HEADER', `\`values\` are ignored with operator \`${op}\`; remove them.`, keyNode(h, 'values'));
  }
  if (op && op !== 'Exists' && op !== 'DoesNotExist' && count === 0) {
    ctx.warning('HTTP-HEADER', `Operator \`${op}\` compares the header with \`values\`, but none are given, so this match never holds.`, scalarAt(h, 'operator'));
  }
}

/** Enterprise `domains`: only in an egress Allow rule's destination, without `nets` or `selector`; each a valid name. */
function checkDomains(ctx: CheckContext, f: RuleFields, direction: Direction): void {
  for (const side of SIDES) {
    const entity = f[side];
    const seq = entity?.domains;
    if (!entity || !seq) continue;
    const key = keyNode(entity.map, 'domains');
    if (direction !== 'egress' || side !== 'destination') {
      ctx.error('RULE-DOMAINS', `\`domains\` is only valid in the \`destination\` of an egress rule, not in the ${side} of ${direction === 'egress' ? 'an egress' : 'an ingress'} rule.`, key);
    } else {
      const action = stringValue(f.action);
      if (action && action !== 'Allow') ctx.error('RULE-DOMAINS', `\`domains\` only works in \`Allow\` rules (Calico learns the domains' IPs from DNS to allow them), not in ${action} rules.`, key);
      for (const field of ['nets', 'selector']) {
        if (hasContent(entity.map, field)) ctx.error('RULE-DOMAINS', `\`${field}\` cannot be combined with \`domains\` in the same destination; put them in separate rules.`, keyNode(entity.map, field));
      }
    }
    checkDomainList(ctx, seq);
  }
}

export function checkDomainList(ctx: CheckContext, seq: YAMLSeq): void {
  for (const item of seq.items) {
    if (!isScalar(item) || typeof item.value !== 'string') continue;
    const problem = domainNameProblem(item.value);
    if (problem) ctx.error('DOMAIN-NAME', `Invalid domain name \`${item.value}\`: it ${problem}.`, item);
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

function checkServices(ctx: CheckContext, fields: EntityFields, side: 'source' | 'destination', direction: Direction, isGlobal: boolean): void {
  const { map: entity, services } = fields;
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
  const nameNode = scalarAt(services, 'name');
  // A missing name is reported by the schema; an empty one is just as unusable.
  if (nameNode && !stringValue(nameNode) && !ctx.doc.templated) ctx.error('ER-SVC-NAME', '`services` must give the Service `name`.', nameNode);
  if (isGlobal && !stringValue(scalarAt(services, 'namespace')) && ((direction === 'egress' && side === 'destination') || (direction === 'ingress' && side === 'source'))) {
    ctx.error('GNP-SVC-NS', 'In a GlobalNetworkPolicy, `services` must specify a `namespace`.', key);
  }
}

