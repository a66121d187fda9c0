// Hover: field docs from the schema, selector parts explained, and the policy's one-paragraph
// explanation on its `kind` / `metadata.name`.
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { isScalar } from 'yaml';
import { locate, type ParsedFile } from '../document';
import { fieldAt, kindInfo, rootFields } from '../schema';
import type { LabelIndex } from '../labels/labelIndex';
import type { ClientFeatures } from './clientFeatures';
import { selectorAt } from './selectorContext';
import { selectorHover } from './hoverSelector';
import { fieldMarkdown } from './hoverField';
import { policySummary } from './explain';

export interface HoverInput {
  file: ParsedFile;
  offset: number;
  client: ClientFeatures;
  labels?: LabelIndex;
}

export function hover(input: HoverInput): Hover | null {
  const { file, offset } = input;
  const at = selectorAt(file, offset);
  if (at && at.scalar) {
    const h = selectorHover(file, at, input.labels);
    if (h) return content(input.client, h.markdown, h.range);
  }
  const loc = locate(file, offset);
  if (!loc?.resource) return null;
  const resource = loc.resource;
  const node = loc.node;
  const range = node?.range ? { start: file.lines.positionAt(node.range[0]), end: file.lines.positionAt(node.range[1]) } : undefined;
  const onKindOrName =
    (loc.path.length === 1 && loc.path[0] === 'kind') || (loc.path.length === 2 && loc.path[0] === 'metadata' && loc.path[1] === 'name');
  if (onKindOrName && loc.on === 'value') {
    const paragraph = policySummary(file, loc.document, offset);
    if (paragraph) return content(input.client, paragraph, range);
  }
  if (loc.path.length === 0) return null;
  // A kind whose fields we do not describe (Calico Enterprise/Cloud): say what it is.
  const info = resource.family === 'kubernetes' ? undefined : kindInfo(resource.kind);
  if (info && !info.checked && loc.path[0] !== 'metadata') return content(input.client, info.doc, range);
  const field = loc.path.length === 1 ? rootFields(resource.kind, resource.family)?.find((f) => f.name === loc.path[0]) : fieldAt(resource.kind, loc.path, resource.family);
  if (!field) return null;
  // On a value of an enum field, name the value too.
  let markdown = fieldMarkdown(field, resource.kind);
  if (loc.path.length === 1 && loc.path[0] === 'kind' && info) markdown += `\n\n---\n\n${info.doc}`;
  if (onKindOrName && loc.on === 'key') {
    const paragraph = policySummary(file, loc.document, offset);
    if (paragraph) markdown += `\n\n---\n\n${paragraph}`;
  }
  if (loc.on === 'value' && isScalar(node) && field.values && node.value !== null && !field.values.includes(String(node.value))) {
    markdown += `\n\n\`${String(node.value)}\` is not one of the allowed values.`;
  }
  return content(input.client, markdown, range);
}

function content(client: ClientFeatures, markdown: string, range: Hover['range']): Hover {
  const value = client.markdownHover ? markdown : markdown.replace(/\*\*|`/g, '');
  return {
    contents: { kind: client.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value },
    ...(range ? { range } : {}),
  };
}
