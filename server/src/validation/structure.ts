// Schema-driven checks: unknown fields (with "did you mean"), wrong types, enum values, required fields.
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Node, type Scalar, type YAMLMap } from 'yaml';
import { aliasTarget } from '../document';
import { rootFields, suggestField, type FieldSpec } from '../schema';
import { calicoKinds } from '../schema';
import type { CheckContext } from './context';
import { replaceScalarText } from './context';
import { reportEnterpriseOnly } from './edition';

/** Rule codes for enum fields that have their own code in docs/rules.md. */
function enumCode(spec: FieldSpec, path: readonly (string | number)[]): string {
  let parent: string | undefined;
  for (let i = path.length - 1; i >= 0 && parent === undefined; i--) if (typeof path[i] === 'string') parent = path[i] as string;
  switch (parent) {
    case 'action': return 'RULE-ACTION';
    case 'ipVersion': return 'RULE-IPVER';
    case 'types': return 'POL-TYPES-ENUM';
    case 'performanceHints': return 'POL-HINTS';
    case 'stagedAction': return 'STAGED-ACTION';
    case 'defaultAction': return 'TIER-ACTION';
    default: return spec.name === 'type' ? 'POL-TYPES-ENUM' : 'SCHEMA-ENUM';
  }
}

function describeType(spec: FieldSpec): string {
  switch (spec.type) {
    case 'object': return 'a mapping of fields';
    case 'map': return 'a mapping of keys to values';
    case 'list': return 'a list';
    case 'boolean': return '`true` or `false`';
    case 'number': return 'a number';
    case 'integer': return 'a whole number';
    case 'selector': return 'a selector string';
    case 'port': return 'a port number, a quoted range `"min:max"` or a port name';
    case 'protocol': return 'a protocol name or number';
    case 'int-or-string': return 'a number or a name';
    case 'enum': return `one of ${spec.values!.map((v) => `\`${v}\``).join(', ')}`;
    default: return 'a string';
  }
}

/** Plain yes/no/on/off/y/n: strings to YAML 1.2, booleans to Calico's YAML 1.1 reader. */
export function isYaml11Boolean(node: Scalar): boolean {
  return node.type === 'PLAIN' && typeof node.value === 'string' && node.value.length <= 3 && /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(node.value);
}

function nodeKind(node: Node): string {
  if (isAlias(node)) {
    const target = aliasTarget(node);
    return target ? `an alias of ${nodeKind(target)}` : 'an alias of nothing';
  }
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (isYaml11Boolean(node)) return `\`${node.value}\`, which Calico reads as a boolean`;
    const v = node.value;
    if (typeof v === 'number') return `the number ${node.source ?? v}`;
    if (typeof v === 'boolean') return `the boolean ${v}`;
    if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  }
  return 'something else';
}

/** Kinds whose schema has a field of this name at the same depth, for "only valid in X" messages. */
function kindsWithField(path: readonly (string | number)[], name: string): string[] {
  if (path.length !== 1 || path[0] !== 'spec') return [];
  return calicoKinds.filter((k) => rootFields(k)?.find((f) => f.name === 'spec')?.fields?.some((f) => f.name === name));
}

/** ['spec','ingress',0,'action'] → `spec.ingress[0].action`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

interface FieldIndex {
  byName: Map<string, FieldSpec>;
  required: FieldSpec[];
}

const indexes = new WeakMap<FieldSpec[], FieldIndex>();

/** Field lookup by name and the required fields, indexed once per field list (the schema is static). */
function indexOf(fields: FieldSpec[]): FieldIndex {
  let index = indexes.get(fields);
  if (!index) {
    index = { byName: new Map(fields.map((f) => [f.name, f])), required: fields.filter((f) => f.required) };
    indexes.set(fields, index);
  }
  return index;
}

export function checkStructure(ctx: CheckContext): void {
  const fields = rootFields(ctx.resource.kind, ctx.resource.family === 'kubernetes' ? 'kubernetes' : 'calico');
  if (!fields) return;
  checkMap(ctx, ctx.root, fields, [], undefined);
}

/**
 * `path` is one stack shared by the whole walk (pushed before a child, popped after it), so checking a field
 * allocates nothing; anything that keeps a path copies it.
 */
function checkMap(ctx: CheckContext, map: YAMLMap, fields: FieldSpec[], path: (string | number)[], anchor: Node | undefined, open = false): void {
  const index = indexOf(fields);
  const items = map.items;
  for (let i = 0; i < items.length; i++) {
    const pair = items[i];
    if (!isScalar(pair.key)) continue;
    const keyNode = pair.key as Scalar;
    const name = String(keyNode.value);
    const spec = index.byName.get(name);
    if (!spec) {
      if (!open) reportUnknown(ctx, keyNode, name, fields, path);
      continue;
    }
    if (spec.edition === 'enterprise') reportEnterpriseOnly(ctx, `\`${name}\``, keyNode);
    const value = pair.value as Node | null;
    if (!value) continue;
    path.push(name);
    checkValue(ctx, value, spec, path, keyNode);
    path.pop();
  }
  if (ctx.doc.templated || index.required.length === 0) return;
  for (const f of index.required) {
    if (map.has(f.name)) continue;
    const firstKey = map.items.find((p) => isPair(p))?.key as Node | undefined;
    const where = anchor && !isMap(anchor) ? anchor : firstKey ?? anchor ?? map;
    if (f.name === 'action' && path.includes('ingress') || f.name === 'action' && path.includes('egress')) {
      ctx.error('RULE-ACTION', 'This rule has no `action`; add one of `Allow`, `Deny`, `Log` or `Pass`.', where);
    } else if (f.name === 'node' && ctx.resource.kind === 'HostEndpoint') {
      ctx.error('HEP-NODE', 'A HostEndpoint must name its `node`.', where);
    } else if (f.name === 'name' && ctx.resource.kind === 'HostEndpoint' && path[1] === 'ports') {
      continue; // HEP-PORT (resourceChecks) already says each host endpoint port needs a name.
    } else if (f.name === 'name' && path[path.length - 1] === 'services') {
      ctx.error('ER-SVC-NAME', '`services` must give the Service `name`.', where);
    } else if (f.name === 'name' && path[0] === 'metadata') {
      ctx.error('META-NAME-REQUIRED', '`metadata.name` is required.', where);
    } else {
      ctx.error('SCHEMA-REQUIRED', `Missing required field \`${formatPath([...path, f.name])}\`.`, where);
    }
  }
}

function reportUnknown(ctx: CheckContext, keyNode: Scalar, name: string, fields: FieldSpec[], path: readonly (string | number)[]): void {
  const elsewhere = kindsWithField(path, name);
  if (elsewhere.length) {
    ctx.error('SCHEMA-KIND-FIELD', `\`${name}\` is not a field of ${ctx.resource.kind}; it is only valid in ${elsewhere.join(', ')}.`, keyNode);
    return;
  }
  const suggestion = suggestField(name, fields.map((f) => f.name));
  const where = formatPath(path) || ctx.resource.kind;
  if (suggestion) {
    ctx.error('SCHEMA-UNKNOWN-FIELD', `Unknown field \`${name}\` in ${where}; did you mean \`${suggestion}\`?`, keyNode, [
      { title: `Change to '${suggestion}'`, edits: [{ ...range(keyNode), newText: replaceScalarText(keyNode, suggestion) }], isPreferred: true },
    ]);
  } else {
    const known = fields.map((f) => f.name).join(', ');
    ctx.error('SCHEMA-UNKNOWN-FIELD', `Unknown field \`${name}\` in ${where}; expected one of: ${known}.`, keyNode);
  }
}

function range(node: Node): { start: number; end: number } {
  return { start: node.range![0], end: node.range![1] };
}

function typeError(ctx: CheckContext, node: Node, spec: FieldSpec, path: readonly (string | number)[]): void {
  const field = formatPath(path);
  const fixes = [];
  if (isScalar(node) && (spec.type === 'string' || spec.type === 'selector' || spec.type === 'cidr') && node.source !== undefined && node.type === 'PLAIN') {
    const text = ctx.source(node);
    fixes.push({ title: `Quote as "${text}"`, edits: [{ ...range(node), newText: JSON.stringify(text) }], isPreferred: true });
  }
  ctx.error('SCHEMA-TYPE', `\`${field}\` must be ${describeType(spec)}, not ${nodeKind(node)}.`, node, fixes);
}

/** `on`/`yes`/`off`/`no`…: Calico's YAML 1.1 reading makes them booleans, YAML 1.2 tools read strings. */
function yaml11BooleanError(ctx: CheckContext, node: Scalar, path: readonly (string | number)[]): void {
  const text = String(node.value);
  const meant = /^(?:y|yes|on)$/i.test(text) ? 'true' : 'false';
  ctx.error('SCHEMA-TYPE', `Write \`${meant}\` instead of \`${text}\` for \`${formatPath(path)}\`: Calico reads \`${text}\` as \`${meant}\`, but YAML 1.2 tools read it as a string.`, node, [
    { title: `Change to ${meant}`, edits: [{ ...range(node), newText: meant }], isPreferred: true },
  ]);
}

/** Whether the node an alias stands for has the field's shape (its own content is checked where it is written). */
function aliasFits(alias: Alias, spec: FieldSpec): boolean {
  const target = aliasTarget(alias);
  // An undefined anchor is the YAML parser's error already.
  if (!target) return true;
  if (isScalar(target) && target.value === null) return true;
  switch (spec.type) {
    case 'object':
    case 'map':
      return isMap(target);
    case 'list':
      return isSeq(target);
    default:
      return isScalar(target);
  }
}

function checkValue(ctx: CheckContext, node: Node, spec: FieldSpec, path: (string | number)[], _key: Node): void {
  if (isScalar(node) && node.value === null) return; // `field:` with nothing is an empty value
  // An alias is checked for its shape only: walking its anchored node again would repeat that node's findings.
  if (isAlias(node)) {
    if (!aliasFits(node, spec)) typeError(ctx, node, spec, path);
    return;
  }
  switch (spec.type) {
    case 'object':
      if (!isMap(node)) return typeError(ctx, node, spec, path);
      return checkMap(ctx, node, spec.fields ?? [], path, _key, spec.open);
    case 'map':
      if (!isMap(node)) return typeError(ctx, node, spec, path);
      // Labels have their own checks (META-LABEL-VAL, K8S-POLICY); other string maps must hold strings.
      if (spec.items?.type === 'string' && spec.name !== 'labels' && spec.name !== 'matchLabels') {
        for (const pair of node.items) {
          const v = pair.value as Node | null;
          if (!v || !isScalar(pair.key)) continue;
          path.push(String(pair.key.value));
          checkValue(ctx, v, spec.items, path, pair.key as Node);
          path.pop();
        }
      }
      return;
    case 'list': {
      if (!isSeq(node)) return typeError(ctx, node, spec, path);
      if (!spec.items && !spec.fields) return;
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const n = items[i] as Node | null;
        if (!n) continue;
        path.push(i);
        if (spec.items) checkValue(ctx, n, spec.items, path, n);
        else if (isAlias(n)) checkValue(ctx, n, { ...spec, type: 'object' }, path, n);
        else if (!isMap(n)) typeError(ctx, n, { ...spec, type: 'object' }, path);
        else checkMap(ctx, n, spec.fields!, path, n, spec.open);
        path.pop();
      }
      return;
    }
    case 'string':
    case 'selector':
    case 'cidr':
      if (!isScalar(node) || typeof node.value !== 'string' || isYaml11Boolean(node)) return typeError(ctx, node, spec, path);
      return;
    case 'number':
      if (!isScalar(node) || typeof node.value !== 'number') return typeError(ctx, node, spec, path);
      return;
    case 'integer':
      if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) return typeError(ctx, node, spec, path);
      return;
    case 'boolean':
      if (isScalar(node) && isYaml11Boolean(node)) return yaml11BooleanError(ctx, node, path);
      if (!isScalar(node) || typeof node.value !== 'boolean') return typeError(ctx, node, spec, path);
      return;
    case 'port':
    case 'protocol':
    case 'int-or-string':
      if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) return typeError(ctx, node, spec, path);
      return;
    case 'enum':
      return checkEnum(ctx, node, spec, path);
  }
}

/** Keys that only a policy rule has; a mapping with one of them under `types:` is a misplaced rule. */
const RULE_KEYS = ['action', 'source', 'destination', 'protocol', 'notProtocol', 'ipVersion', 'icmp', 'http'];

/** The first `key: value` of a mapping (a whole mapping's range would run past its last line). */
function firstPairRange(map: YAMLMap): { start: number; end: number } | undefined {
  const first = map.items[0];
  const key = first?.key as Node | undefined;
  const value = first?.value as Node | undefined;
  if (!key?.range) return undefined;
  return { start: key.range[0], end: (value?.range ?? key.range)[1] };
}

/** The scalar entries of `spec.types`, as text. */
function typesText(ctx: CheckContext): string {
  const spec = ctx.root.get('spec', true);
  const types = isMap(spec) ? spec.get('types', true) : undefined;
  return isSeq(types) ? types.items.filter((i) => isScalar(i)).map((i) => String((i as Scalar).value)).join(' ') : '';
}

function checkEnum(ctx: CheckContext, node: Node, spec: FieldSpec, path: readonly (string | number)[]): void {
  const values = spec.values ?? [];
  if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
    const code = enumCode(spec, path);
    if (code === 'POL-TYPES-ENUM' && isMap(node) && RULE_KEYS.some((k) => node.has(k))) {
      const listed = typesText(ctx);
      const direction = /\bEgress\b/.test(listed) && !/\bIngress\b/.test(listed) ? 'egress' : 'ingress';
      ctx.error(code, `This is a rule written directly under \`types:\` — is the \`${direction}:\` key missing? Rules go in an \`ingress:\` or \`egress:\` list next to \`types\`; \`types\` lists only \`Ingress\` and \`Egress\`.`, firstPairRange(node) ?? node);
      return;
    }
    ctx.error(code, `Expected ${describeType(spec)}, not ${nodeKind(node)}.`, node);
    return;
  }
  const text = String(node.value);
  // A numeric enum (ipVersion) is an integer field: the quoted string "4" does not decode.
  if (typeof node.value === 'string' && values.length > 0 && values.every((v) => /^\d+$/.test(v)) && values.includes(text)) {
    ctx.error(enumCode(spec, path), `\`${formatPath(path)}\` must be the number ${text}, not the string "${text}".`, node,
      [{ title: `Change to ${text}`, edits: [{ ...range(node), newText: text }], isPreferred: true }]);
    return;
  }
  if (values.includes(text)) return;
  const code = enumCode(spec, path);
  const caseMatch = values.find((v) => v.toLowerCase() === text.toLowerCase());
  const field = formatPath(path);
  if (caseMatch) {
    ctx.error(code, `\`${text}\` is not valid for \`${field}\` (values are case-sensitive); did you mean \`${caseMatch}\`?`, node, [
      { title: `Change to '${caseMatch}'`, edits: [{ ...range(node), newText: replaceScalarText(node, caseMatch) }], isPreferred: true },
    ]);
    return;
  }
  // A spelling suggestion makes sense for words, not numbers (`5` is no typo of ipVersion `4`).
  const near = /^\d+$/.test(text) ? undefined : suggestField(text, values);
  ctx.error(code, `\`${text}\` is not valid for \`${field}\`; expected ${describeType(spec)}${near ? ` (did you mean \`${near}\`?)` : ''}.`, node,
    near ? [{ title: `Change to '${near}'`, edits: [{ ...range(node), newText: replaceScalarText(node, near) }] }] : undefined);
}
