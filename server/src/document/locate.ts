// Finds what is at an offset (key, value or blank space in a mapping) for completion and hover.
import { isMap, isScalar, isSeq, isPair, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { NodeLocation, ParsedDocument, ParsedFile, ResourceInfo } from './types';
import { fieldAt } from '../schema';

/** The document whose text contains `offset` (the last one at the very end of the file). */
export function documentAt(file: ParsedFile, offset: number): ParsedDocument | undefined {
  const docs = file.documents;
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = docs[mid];
    if (offset < d.start) hi = mid - 1;
    else if (offset >= d.end && !(offset === d.end && mid === docs.length - 1)) lo = mid + 1;
    else return d;
  }
  return undefined;
}

function inRange(node: Node | null | undefined, offset: number): boolean {
  const r = node?.range;
  return !!r && offset >= r[0] && offset <= r[1];
}

function keyText(key: unknown): string | number | undefined {
  if (isScalar(key)) return typeof key.value === 'number' ? key.value : String(key.value);
  return undefined;
}

interface Walk {
  file: ParsedFile;
  offset: number;
  column: number;
  lineBlank: boolean;
  resource?: ResourceInfo;
}

function columnOf(file: ParsedFile, offset: number): number {
  return file.lines.positionAt(offset).character;
}

function locateIn(
  w: Walk,
  node: Node,
  path: (string | number)[],
  parentMap: YAMLMap | undefined,
): Omit<NodeLocation, 'document'> {
  if (isMap(node)) return locateInMap(w, node, path);
  if (isSeq(node)) return locateInSeq(w, node, path, parentMap);
  return { path, node, on: 'value', parentMap };
}

function locateInMap(w: Walk, map: YAMLMap, path: (string | number)[]): Omit<NodeLocation, 'document'> {
  const { offset } = w;
  let previous: { key: string | number | undefined; value: Node | null; keyNode: Node } | undefined;
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const value = pair.value as Node | null;
    const key = keyText(keyNode);
    if (keyNode && inRange(keyNode, offset)) {
      return { path: key === undefined ? path : [...path, key], node: keyNode, on: 'key', parentMap: map };
    }
    // On a blank line, a value only contains the cursor when the cursor is indented under its key.
    const underKey = !w.lineBlank || (keyNode?.range !== undefined && w.column > columnOf(w.file, keyNode.range![0]));
    if (key !== undefined && value && inRange(value, offset) && underKey) {
      // A plain word on its own line under a key is a key being typed, not a value.
      if (isScalar(value) && value.type === 'PLAIN' && keyNode?.range && isOnLaterLine(w.file, keyNode.range[1], value.range![0])) {
        const word = keyText(value);
        return { path: [...path, key, ...(word === undefined ? [] : [word])], node: value, on: 'key' };
      }
      return locateIn(w, value, [...path, key], map);
    }
    if (keyNode?.range && keyNode.range[0] < offset && key !== undefined) previous = { key, value, keyNode };
  }
  // Between or after pairs: blank space. Descend into the previous pair's value when the cursor is indented under it.
  if (previous && w.lineBlank && previous.keyNode.range) {
    const keyColumn = columnOf(w.file, previous.keyNode.range[0]);
    if (w.column > keyColumn) {
      const v = previous.value;
      if (isMap(v) || isSeq(v)) return locateIn(w, v, [...path, previous.key!], map);
      if (!v || (isScalar(v) && (v.value === null || v.value === ''))) {
        return { path: [...path, previous.key!], on: 'empty' };
      }
    }
  } else if (previous && !previous.value && previous.keyNode.range && !w.lineBlank) {
    return { path: [...path, previous.key!], on: 'value', parentMap: map };
  }
  return { path, on: 'empty', parentMap: map };
}

function locateInSeq(w: Walk, seq: YAMLSeq, path: (string | number)[], parentMap: YAMLMap | undefined): Omit<NodeLocation, 'document'> {
  let lastBefore = -1;
  for (let i = 0; i < seq.items.length; i++) {
    const item = seq.items[i] as Node | null;
    if (item && inRange(item, w.offset)) {
      // A word typed as a list item where the items are mappings is the start of a key.
      if (isScalar(item) && item.type === 'PLAIN' && typeof item.value === 'string' && item.value !== '' && w.resource && listOfObjects(w.resource, path)) {
        return { path: [...path, i, item.value], node: item, on: 'key' };
      }
      return locateIn(w, item, [...path, i], parentMap);
    }
    if (item?.range && item.range[0] <= w.offset) lastBefore = i;
  }
  if (lastBefore >= 0) {
    const item = seq.items[lastBefore] as Node;
    if (isMap(item) && w.lineBlank && item.range && w.column >= columnOf(w.file, item.range[0])) {
      return locateInMap(w, item, [...path, lastBefore]);
    }
    if (isScalar(item) && (item.value === null || item.value === '')) return { path: [...path, lastBefore], on: 'empty' };
  }
  return { path, node: seq, on: 'value', parentMap };
}

function listOfObjects(resource: ResourceInfo, path: (string | number)[]): boolean {
  const field = fieldAt(resource.kind, path, resource.family);
  return field?.type === 'list' && !!field.fields;
}

function isOnLaterLine(file: ParsedFile, a: number, b: number): boolean {
  return file.text.slice(a, b).includes('\n');
}

/** What is at an offset, for completion and hover. */
export function locate(file: ParsedFile, offset: number): NodeLocation | undefined {
  const document = documentAt(file, offset);
  if (!document) return undefined;
  const root = document.yaml.contents as Node | null;
  const lineStart = file.text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = file.text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = file.text.length;
  const line = file.text.slice(lineStart, lineEnd);
  const trimmed = line.trim();
  const w: Walk = { file, offset, column: offset - lineStart, lineBlank: trimmed === '' || trimmed === '-' };
  let resourceNode: YAMLMap | undefined;
  let resource: ResourceInfo | undefined;
  let start: Node | null = root;
  let prefix: (string | number)[] = [];
  if (document.items) {
    for (const item of document.items) {
      const r = item.node.range;
      if (r && offset >= r[0] && offset <= r[2]) {
        resourceNode = item.node;
        resource = item.resource;
      }
    }
    if (resourceNode && isMap(root)) {
      const itemsSeq = root.get('items', true);
      const idx = isSeq(itemsSeq) ? itemsSeq.items.indexOf(resourceNode) : -1;
      if (idx >= 0) {
        start = resourceNode;
        prefix = [];
      }
    }
  } else if (isMap(root)) {
    resourceNode = root;
    resource = document.resource;
  }
  if (!start) return { document, path: [], on: 'empty' };
  w.resource = resource;
  const found = locateIn(w, start, prefix, undefined);
  return { document, resourceNode, resource, ...found };
}
