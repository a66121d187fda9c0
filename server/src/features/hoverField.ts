// Hover text for a YAML field: what it does, its type and allowed values, its default.
import type { FieldSpec } from '../schema';

const TYPE_WORDS: Record<string, string> = {
  string: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean (`true` / `false`)',
  selector: 'selector expression (string)',
  enum: 'one of a fixed set of values',
  object: 'object',
  list: 'list',
  map: 'map of string keys to values',
  cidr: 'CIDR, e.g. `10.0.0.0/8`',
  port: 'port: number, `"min:max"` range, or named port',
  protocol: 'protocol name (`TCP`, `UDP`, `ICMP`, `ICMPv6`, `SCTP`, `UDPLite`) or number 1–255',
  'int-or-string': 'number or string',
};

function typeLine(f: FieldSpec, kind: string): string {
  // A host endpoint port needs a protocol that has ports (docs/semantics.md, "Resource kinds").
  if (f.type === 'protocol' && kind === 'HostEndpoint') return 'protocol name `TCP`, `UDP` or `SCTP`';
  if (f.type === 'enum' && f.values) return `one of ${f.values.map((v) => `\`${v}\``).join(', ')} (case-sensitive)`;
  if (f.type === 'list' && f.items) {
    const item = f.items.type === 'enum' && f.items.values ? f.items.values.map((v) => `\`${v}\``).join(' / ') : (TYPE_WORDS[f.items.type] ?? f.items.type);
    return `list of ${item}`;
  }
  // Only Calico rule lists are ordered (docs/semantics.md, "Evaluation"); other lists (Kubernetes rules, peers, paths, ports) are alternatives.
  if (f.type === 'list' && f.fields) return f.fields.some((x) => x.name === 'action') ? 'list of rules (evaluated in order)' : 'list of objects';
  return TYPE_WORDS[f.type] ?? f.type;
}

/** Markdown for a field: heading, description, type, default, required. */
export function fieldMarkdown(f: FieldSpec, kind: string): string {
  const lines = [`**${f.name}** · ${kind}`, '', f.doc, '', `- Type: ${typeLine(f, kind)}`];
  if (f.default !== undefined) lines.push(`- Default: \`${f.default}\``);
  if (f.required) lines.push('- Required');
  if (f.edition === 'enterprise') lines.push('- Calico Enterprise and Calico Cloud only (Calico Open Source rejects it)');
  return lines.join('\n');
}
