// Completion of YAML keys and values from the schema: the fields allowed at the cursor (minus those
// already written), enum and boolean values, tier and service-account names, and rule skeletons.
import { expandSnippet } from './snippetExpansion';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver/node';
import { locate, CALICO_API, type ParsedFile, type NodeLocation } from '../document';
import { fieldsAt, fieldAt, calicoKinds, kindInfo, kindTable, type FieldSpec } from '../schema';
import type { LabelIndex } from '../labels/labelIndex';
import type { ClientFeatures } from './clientFeatures';
import { fieldMarkdown } from './hoverField';

export interface YamlCompletionInput {
  file: ParsedFile;
  offset: number;
  client: ClientFeatures;
  labels?: LabelIndex;
  /** Tier names seen in open documents and the built-in tiers. */
  tierNames: () => string[];
  /** `calico.edition`; under `oss` the Calico Enterprise/Cloud fields and kinds are not offered. */
  edition?: 'auto' | 'oss' | 'enterprise';
}

const PROTOCOLS = ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'];
const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** What each enum value does, in a few words (docs/semantics.md). */
const VALUE_DETAILS: Record<string, string> = {
  'action=Allow': 'accept the packet; later rules and tiers are not consulted',
  'action=Deny': 'drop the packet; evaluation ends',
  'action=Log': 'log the packet and continue with the next rule',
  'action=Pass': 'skip the rest of this tier; continue with the next tier',
  'type=Ingress': 'traffic arriving at the selected endpoints',
  'type=Egress': 'traffic leaving the selected endpoints',
  'stagedAction=Set': 'preview this policy as written (default)',
  'stagedAction=Delete': 'preview deleting the policy',
  'stagedAction=Learn': 'staged action Learn (never enforced)',
  'stagedAction=Ignore': 'staged action Ignore (never enforced)',
  'defaultAction=Deny': 'drop traffic no policy in the tier decided (default)',
  'defaultAction=Pass': 'hand undecided traffic to the next tier',
  'ipVersion=4': 'IPv4 only',
  'ipVersion=6': 'IPv6 only',
  'hint=AssumeNeededOnEveryNode': 'pre-load the policy on every node',
};

export function yamlCompletions(input: YamlCompletionInput): CompletionItem[] {
  const loc = locate(input.file, input.offset);
  if (!loc) return [];
  if (loc.on === 'value') {
    // `- |` in a list of objects: an empty item where the object's keys go.
    const n = loc.node;
    const emptyItem = typeof loc.path[loc.path.length - 1] === 'number' && isScalar(n) && (n.value === null || n.value === '');
    if (emptyItem && loc.resource && fieldsAt(loc.resource.kind, loc.path, loc.resource.family)) {
      return keyCompletions(input, { ...loc, on: 'empty', node: undefined, parentMap: undefined });
    }
    return valueCompletions(input, loc);
  }
  if (!loc.resource) return [];
  return keyCompletions(input, loc);
}

/** The word being typed at the cursor (YAML key characters), as a replace range. */
function wordRange(file: ParsedFile, offset: number): Range {
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_.\-/]/.test(file.text[start - 1])) start--;
  let end = offset;
  while (end < file.text.length && /[A-Za-z0-9_.\-/]/.test(file.text[end])) end++;
  return { start: file.lines.positionAt(start), end: file.lines.positionAt(end) };
}

function keyCompletions(input: YamlCompletionInput, loc: NodeLocation): CompletionItem[] {
  const resource = loc.resource!;
  const parentPath = loc.on === 'key' ? loc.path.slice(0, -1) : loc.path;
  const fields = fieldsAt(resource.kind, parentPath, resource.family);
  if (!fields) return [];
  const typing = loc.on === 'key' ? loc.path[loc.path.length - 1] : undefined;
  const present = new Set<string>();
  if (loc.parentMap) {
    for (const pair of loc.parentMap.items) {
      if (isPair(pair) && isScalar(pair.key) && pair.key !== loc.node) present.add(String(pair.key.value));
    }
  }
  const range = loc.on === 'key' && loc.node?.range
    ? { start: input.file.lines.positionAt(loc.node.range[0]), end: input.file.lines.positionAt(loc.node.range[1]) }
    : wordRange(input.file, input.offset);
  const items: CompletionItem[] = [];
  fields.forEach((f, i) => {
    if (present.has(f.name) && f.name !== typing) return;
    if (f.edition === 'enterprise' && !enterpriseFieldFits(input, f, parentPath)) return;
    const block = f.type === 'object' || f.type === 'list' || f.type === 'map';
    items.push({
      label: f.name,
      kind: CompletionItemKind.Property,
      detail: f.edition === 'enterprise' ? `${typeSummary(f)} · Calico Enterprise/Cloud` : typeSummary(f),
      documentation: markdown(input.client, fieldMarkdown(f, resource.kind)),
      sortText: `${f.required ? '0' : '1'}${String(i).padStart(3, '0')}`,
      textEdit: { range, newText: block ? `${f.name}:` : `${f.name}: ` },
    });
  });
  const otherKeys = [...present].filter((k) => k !== typing);
  if (otherKeys.length === 0) items.push(...skeletons(input.client, fields, range));
  return items;
}

/** Enterprise/Cloud fields are offered unless the edition is `oss`; `domains` only in an egress destination. */
function enterpriseFieldFits(input: YamlCompletionInput, f: FieldSpec, parentPath: (string | number)[]): boolean {
  if (input.edition === 'oss') return false;
  if (f.name !== 'domains') return true;
  return parentPath[1] === 'egress' && parentPath[parentPath.length - 1] === 'destination';
}

/** Rule and EntityRule skeletons, offered in an empty rule / source / destination. */
function skeletons(client: ClientFeatures, fields: FieldSpec[], range: Range): CompletionItem[] {
  const names = new Set(fields.map((f) => f.name));
  const snippet = (label: string, detail: string, body: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    sortText: `2${label}`,
    filterText: label,
    insertTextFormat: client.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.adjustIndentation,
    textEdit: { range, newText: client.snippets ? body : expandSnippet(body) },
  });
  if (names.has('action') && names.has('source')) {
    return [
      snippet(
        'rule',
        'Rule skeleton: action, protocol, source, destination port',
        'action: ${1|Allow,Deny,Log,Pass|}\nprotocol: ${2|TCP,UDP,SCTP|}\nsource:\n  selector: ${3:app == "frontend"}\ndestination:\n  ports:\n    - ${4:80}',
      ),
    ];
  }
  if (names.has('nets') && names.has('notSelector')) {
    return [
      snippet(
        'entity',
        'EntityRule skeleton: selector, namespace selector, ports',
        'selector: ${1:app == "backend"}\nnamespaceSelector: ${2:projectcalico.org/name == "default"}\nports:\n  - ${3:80}',
      ),
    ];
  }
  return [];
}

function valueCompletions(input: YamlCompletionInput, loc: NodeLocation): CompletionItem[] {
  const node = loc.node as Node | undefined;
  const scalar = isScalar(node) ? node : undefined;
  // Only offer values for a scalar being typed (or an empty value), never inside maps/lists.
  if (node && !scalar) return [];
  const range = scalar?.range && scalar.value !== null
    ? { start: input.file.lines.positionAt(scalar.range[0]), end: input.file.lines.positionAt(scalar.range[1]) }
    : { start: input.file.lines.positionAt(input.offset), end: input.file.lines.positionAt(input.offset) };
  const last = loc.path[loc.path.length - 1];
  const make = (values: { label: string; detail: string; doc?: string }[], kind: CompletionItemKind = CompletionItemKind.EnumMember) =>
    values.map((v, i): CompletionItem => ({
      label: v.label,
      kind,
      detail: v.detail,
      ...(v.doc ? { documentation: markdown(input.client, v.doc) } : {}),
      sortText: String(i).padStart(4, '0'),
      textEdit: { range, newText: v.label },
    }));

  // apiVersion / kind work before the document is recognised as a Calico resource, but only for
  // documents that are (becoming) Calico ones, so other YAML files get nothing from us.
  if (loc.path.length === 1 && last === 'apiVersion') {
    const kind = rootString(loc, 'kind');
    if (kind !== undefined && !calicoKinds.includes(kind)) return [];
    return make([{ label: CALICO_API, detail: 'Calico API (calicoctl, Calico API server)' }]);
  }
  if (loc.path.length === 1 && last === 'kind') {
    const apiVersion = rootString(loc, 'apiVersion');
    if (apiVersion !== CALICO_API && apiVersion !== 'crd.projectcalico.org/v1') return [];
    const kinds = kindTable.filter((k) => k.edition === 'oss' || input.edition !== 'oss');
    return make(kinds.map((k) => ({ label: k.kind, detail: k.edition === 'enterprise' ? `${k.summary} (Calico Enterprise/Cloud)` : k.summary })), CompletionItemKind.Class);
  }
  const resource = loc.resource;
  if (!resource) return [];

  // serviceAccounts.names entries: names of service accounts in scope.
  const n = loc.path.length;
  if (loc.path[n - 2] === 'names' && loc.path[n - 3] === 'serviceAccounts' || (last === 'names' && loc.path[n - 2] === 'serviceAccounts')) {
    if (!input.labels?.isLoaded()) return [];
    const info = kindInfo(resource.kind);
    const namespace = info?.isPolicy && info.namespaced ? (resource.namespace ?? 'default') : undefined;
    return make(input.labels.serviceAccountNames(namespace).map((v) => ({ label: v.value, detail: v.detail })), CompletionItemKind.Value);
  }
  if (last === 'tier' && loc.path.length === 2) {
    return make(input.tierNames().map((t) => ({ label: t, detail: t === 'default' ? 'the default tier (always exists)' : 'tier seen in the workspace' })), CompletionItemKind.Value);
  }
  const field = fieldAt(resource.kind, loc.path, resource.family);
  if (!field) return [];
  if (field.type === 'enum' && field.values) {
    // In a set-like list (`types`, `performanceHints`) a value already listed would be a duplicate error.
    const listed = typeof last === 'number' ? siblingValues(loc) : new Set<string>();
    const values = field.values.filter((v) => !listed.has(v));
    return make(values.map((v) => ({ label: v, detail: VALUE_DETAILS[`${field.name}=${v}`] ?? `${field.name} value` })));
  }
  if (field.type === 'protocol') {
    // A host endpoint port needs a protocol that has ports (docs/semantics.md, "Resource kinds").
    const protocols = resource.kind === 'HostEndpoint' ? PORT_PROTOCOLS : PROTOCOLS;
    return make(protocols.map((v) => ({ label: v, detail: protocolDetail(v) })));
  }
  if (field.type === 'boolean') return make(['true', 'false'].map((v) => ({ label: v, detail: v === field.default ? 'default' : 'boolean' })), CompletionItemKind.Value);
  return [];
}

/** Values of the other items of the list the cursor's item is in. */
function siblingValues(loc: NodeLocation): Set<string> {
  const out = new Set<string>();
  let list: unknown = loc.resourceNode ?? loc.document.yaml.contents;
  for (const key of loc.path.slice(0, -1)) {
    if (isMap(list)) list = list.get(key, true);
    else if (isSeq(list) && typeof key === 'number') list = list.items[key];
    else return out;
  }
  if (!isSeq(list)) return out;
  list.items.forEach((item, i) => {
    if (i !== loc.path[loc.path.length - 1] && isScalar(item) && item.value !== null) out.add(String(item.value));
  });
  return out;
}

function protocolDetail(p: string): string {
  switch (p) {
    case 'TCP': return 'protocol 6 · supports ports';
    case 'UDP': return 'protocol 17 · supports ports';
    case 'SCTP': return 'protocol 132 · supports ports';
    case 'ICMP': return 'protocol 1 · IPv4 only, no ports';
    case 'ICMPv6': return 'protocol 58 · IPv6 only, no ports';
    default: return 'protocol 136 · no ports';
  }
}

function rootString(loc: NodeLocation, key: string): string | undefined {
  const root = loc.document.yaml.contents;
  if (!isMap(root)) return undefined;
  const v = root.get(key, true);
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

export function typeSummary(f: FieldSpec): string {
  if (f.type === 'enum' && f.values) return f.values.join(' | ');
  if (f.type === 'list') return f.items ? `list of ${f.items.type === 'enum' && f.items.values ? f.items.values.join(' | ') : f.items.type}` : 'list';
  return f.type;
}

function markdown(client: ClientFeatures, value: string) {
  return client.markdownCompletionDocs ? { kind: MarkupKind.Markdown, value } : value;
}
