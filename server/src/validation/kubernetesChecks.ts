// Kubernetes NetworkPolicy (and StagedKubernetesNetworkPolicy) checks as the Kubernetes API server makes them:
// label selectors, peers, ipBlocks, ports and policyTypes (docs/semantics.md, "Kubernetes NetworkPolicy validation").
import { isMap, isPair, isScalar, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { CheckContext } from './context';
import { keyNode, mapAt, mapItems, pairOf, scalarAt, seqAt, stringValue } from './context';
import { dnsLabelRe, labelValueProblem, portNameProblem, qualifiedNameProblem } from './names';
import { cidrWithin, parseCidr } from './protocols';
import { checkStagedDelete } from './policyChecks';
import { isYaml11Boolean } from './structure';

const PEER_FIELDS = ['podSelector', 'namespaceSelector', 'ipBlock'];

export function checkKubernetesPolicy(ctx: CheckContext, staged: boolean): void {
  const code = staged ? 'SKNP-CONVERT' : 'K8S-POLICY';
  checkNamespace(ctx, code);
  const spec = mapAt(ctx.root, 'spec');
  if (!spec) return;
  if (staged && stringValue(scalarAt(spec, 'stagedAction')) === 'Delete') {
    checkStagedDelete(ctx, spec, ['stagedAction']);
    return;
  }
  checkLabelSelector(ctx, mapAt(spec, 'podSelector'), code);
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    for (const rule of mapItems(seqAt(spec, direction))) {
      for (const peer of seqAt(rule, peers)?.items ?? []) if (isMap(peer) || isEmptyScalar(peer)) checkPeer(ctx, peer as Node, code);
      for (const port of mapItems(seqAt(rule, 'ports'))) checkPort(ctx, port, code);
    }
  }
  checkPolicyTypes(ctx, spec, code);
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}

/** A namespace is a DNS label: lower-case letters, digits and `-`, at most 63 characters. */
function checkNamespace(ctx: CheckContext, code: string): void {
  const node = scalarAt(mapAt(ctx.root, 'metadata'), 'namespace');
  const ns = stringValue(node);
  if (!node || ns === undefined || ns === '') return;
  if (ns.length > 63) ctx.error(code, `The namespace is too long by ${ns.length - 63} characters; a namespace name has at most 63.`, node);
  else if (!dnsLabelRe.test(ns)) {
    const lower = ns.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const fix = dnsLabelRe.test(lower) ? [{ title: `Change to '${lower}'`, edits: [{ start: node.range![0], end: node.range![1], newText: lower }], isPreferred: true }] : undefined;
    ctx.error(code, `Invalid namespace \`${ns}\`: a namespace name uses lower-case letters, digits and \`-\` (no dots), starting and ending with a letter or digit.`, node, fix);
  }
}

/** A peer names at least one of podSelector, namespaceSelector, ipBlock; ipBlock stands alone. */
function checkPeer(ctx: CheckContext, peer: Node, code: string): void {
  const map = isMap(peer) ? peer : undefined;
  const present = PEER_FIELDS.filter((f) => map && isMap(pairOf(map, f)?.value));
  if (present.length === 0) {
    ctx.error(code, 'A peer must give `podSelector`, `namespaceSelector` or `ipBlock`; an empty one is rejected. Use `podSelector: {}` for every pod of the namespace, `namespaceSelector: {}` for every pod of the cluster, or leave out `from`/`to` to allow any peer.', peer);
    return;
  }
  checkLabelSelector(ctx, mapAt(map, 'podSelector'), code);
  checkLabelSelector(ctx, mapAt(map, 'namespaceSelector'), code);
  const ipBlock = mapAt(map, 'ipBlock');
  if (!ipBlock) return;
  if (present.length > 1) ctx.error(code, '`ipBlock` cannot be combined with `podSelector` or `namespaceSelector` in the same peer; make it a peer of its own.', keyNode(map, 'ipBlock'));
  checkIpBlock(ctx, ipBlock, code);
}

/** `1.1.01.0/24`: leading zeros a default API server still reads (as decimal), that strict CIDR parsing rejects. */
function withoutLeadingZeros(text: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/\d{1,2})?$/.exec(text);
  if (!m || !m.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'))) return undefined;
  return `${m.slice(1, 5).map((o) => String(Number(o))).join('.')}${m[5] ?? ''}`;
}

/** Reads a CIDR of an ipBlock; reports it when invalid; undefined then. */
function readCidr(ctx: CheckContext, node: Scalar, code: string, what: string): ReturnType<typeof parseCidr> {
  const text = node.value === null ? '' : String(node.value);
  const canonical = withoutLeadingZeros(text);
  const cidr = parseCidr(canonical ?? text);
  if (cidr && canonical) {
    ctx.warning('K8S-CIDR-LEADING-ZERO', `\`${text}\` has leading zeros; a default API server reads it as \`${canonical}\`, but clusters with strict CIDR validation reject it.`, node,
      [{ title: `Change to ${canonical}`, edits: [{ start: node.range![0], end: node.range![1], newText: canonical }], isPreferred: true }]);
  }
  if (cidr) return cidr;
  const bare = /^[0-9.]+$/.test(text) && text.includes('.') ? `${text}/32` : /^[0-9a-fA-F:]+$/.test(text) && text.includes(':') ? `${text}/128` : undefined;
  ctx.error(code, `${what} \`${text}\` is not a CIDR; write an address and a prefix length, e.g. \`10.0.0.0/8\`${bare ? ` (or \`${bare}\` for one address)` : ''}.`, node,
    bare ? [{ title: `Change to ${bare}`, edits: [{ start: node.range![0], end: node.range![1], newText: JSON.stringify(bare) }], isPreferred: true }] : undefined);
  return undefined;
}

function checkIpBlock(ctx: CheckContext, ipBlock: YAMLMap, code: string): void {
  const cidrNode = scalarAt(ipBlock, 'cidr');
  const cidr = cidrNode ? readCidr(ctx, cidrNode, code, '`cidr`') : undefined;
  for (const ex of seqAt(ipBlock, 'except')?.items ?? []) {
    if (!isScalar(ex)) continue;
    const inner = readCidr(ctx, ex, code, 'The except entry');
    if (!cidr || !inner) continue;
    const text = String(ex.value);
    if (inner.family !== cidr.family) ctx.error(code, `\`${text}\` is an IPv${inner.family} CIDR, but \`cidr\` is IPv${cidr.family}; an except entry must lie inside \`cidr\`.`, ex);
    else if (!cidrWithin(inner, cidr)) {
      ctx.error(code, `\`${text}\` must lie strictly inside \`cidr\` ${cidr.address}/${cidr.prefix}${inner.prefix <= cidr.prefix && cidrWithin(cidr, inner) ? ' (it covers all of it; remove the ipBlock peer instead)' : ''}.`, ex);
    }
  }
}

/** Port number 1–65535 or an IANA service name; endPort only after a numeric port, not below it. */
function checkPort(ctx: CheckContext, port: YAMLMap, code: string): void {
  const p = scalarAt(port, 'port');
  const end = scalarAt(port, 'endPort');
  const pv = p?.value ?? null;
  if (p && typeof pv === 'number') {
    if (!Number.isInteger(pv) || pv < 1 || pv > 65535) ctx.error(code, `Port ${p.source ?? pv} is out of range; use 1–65535.`, p);
  } else if (p && typeof pv === 'string') {
    const problem = portNameProblem(pv);
    if (problem) {
      const quotedNumber = /^\d+$/.test(pv) && Number(pv) >= 1 && Number(pv) <= 65535;
      const lower = pv.toLowerCase();
      const fixed = quotedNumber ? pv : lower !== pv && !portNameProblem(lower) ? lower : undefined;
      ctx.error(code, quotedNumber
        ? `\`"${pv}"\` is quoted, so it is read as a port name, and a port name needs a letter; write ${pv} without quotes for the port number.`
        : `Invalid port name \`${pv}\`: a port name ${problem}${fixed ? `; did you mean \`${fixed}\`?` : '.'}`, p,
      fixed ? [{ title: `Change to ${fixed}`, edits: [{ start: p.range![0], end: p.range![1], newText: fixed }], isPreferred: true }] : undefined);
    }
  }
  if (!end || typeof end.value !== 'number') return;
  if (!p || pv === null) ctx.error(code, '`endPort` needs a numeric `port` where the range starts.', end);
  else if (typeof pv !== 'number') ctx.error(code, '`endPort` cannot follow a named `port`; a range needs a port number.', end);
  else if (end.value < pv) ctx.error(code, `\`endPort\` ${end.value} is below \`port\` ${pv}; the range must not end before it starts.`, end);
  if (end.value < 1 || end.value > 65535) ctx.error(code, `\`endPort\` ${end.source ?? end.value} is out of range; use 1–65535.`, end);
}

/** At most two policyTypes (each Ingress or Egress; the schema checks the values). */
function checkPolicyTypes(ctx: CheckContext, spec: YAMLMap, code: string): void {
  const seq = seqAt(spec, 'policyTypes');
  if (!seq) return;
  if (seq.items.length > 2) {
    ctx.error(code, `\`policyTypes\` may list at most two types (\`Ingress\`, \`Egress\`); it has ${seq.items.length}.`, seq);
    return;
  }
  const [a, b] = seq.items;
  if (isScalar(a) && isScalar(b) && a.value === b.value && typeof a.value === 'string') {
    ctx.warning('K8S-TYPES-REPEATED', `\`${a.value}\` is listed twice in \`policyTypes\`; Kubernetes accepts it, but once means the same.`, b);
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
      if (typeof v.value !== 'string' || isYaml11Boolean(v)) {
        const text = v.source ?? String(v.value);
        ctx.error(code, `The value of \`${key}\` must be a string; quote it: "${text}".`, v, [{ title: `Quote as "${text}"`, edits: [{ start: v.range![0], end: v.range![1], newText: JSON.stringify(text) }], isPreferred: true }]);
      } else {
        const vp = labelValueProblem(v.value);
        if (vp) ctx.error(code, `Invalid value for \`${key}\`: ${vp}.`, v);
      }
    }
  }
  for (const expr of mapItems(seqAt(selector, 'matchExpressions'))) {
    const opNode = scalarAt(expr, 'operator');
    const op = stringValue(opNode);
    const values = seqAt(expr, 'values');
    const count = values?.items.length ?? 0;
    const key = scalarAt(expr, 'key');
    if (key && typeof key.value === 'string') {
      const kp = qualifiedNameProblem(key.value);
      if (kp) ctx.error(code, `Invalid label key \`${key.value}\`: ${kp}.`, key);
    }
    if ((op === 'In' || op === 'NotIn') && count === 0) ctx.error(code, `Operator \`${op}\` needs at least one value in \`values\`.`, opNode);
    if ((op === 'Exists' || op === 'DoesNotExist') && count > 0) ctx.error(code, `Operator \`${op}\` takes no values; remove \`values\`.`, keyNode(expr, 'values'));
    for (const v of values?.items ?? []) {
      if (!isScalar(v) || typeof v.value !== 'string' || isYaml11Boolean(v)) continue;
      const vp = labelValueProblem(v.value);
      if (vp) ctx.error(code, `Invalid value \`${v.value}\`: ${vp}.`, v);
    }
  }
}
