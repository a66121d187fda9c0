// One pass over a composed document's nodes: repeated keys, keys that are collections, and what aliases expand to.
// The pass also remembers each alias's target and each node's expanded size, so readers never search for anchors.
import { YAMLParseError, isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node } from 'yaml';
import { DocumentLimitError, MAX_ALIAS_EXPANSION } from './limits';

const aliasTargets = new WeakMap<Alias, Node>();
/** Kept for anchored nodes only (the ones aliases can expand to). */
const expandedSizes = new WeakMap<Node, number>();

/** The node an alias refers to (the latest preceding anchor of that name), if the document defines it. */
export function aliasTarget(alias: Alias): Node | undefined {
  return aliasTargets.get(alias);
}

/** How many nodes an anchored `node` stands for with every alias inside it expanded (1 for a scalar). */
export function expandedSize(node: Node): number {
  return expandedSizes.get(node) ?? 1;
}

const SIZE_CAP = 1e15;

/** The children of a collection in document order (pairs inside flow sequences included). */
function children(node: Node): Node[] {
  const out: Node[] = [];
  if (!isMap(node) && !isSeq(node)) return out;
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      if (item.key && typeof item.key === 'object') out.push(item.key as Node);
      if (item.value && typeof item.value === 'object') out.push(item.value as Node);
    } else if (item && typeof item === 'object') out.push(item as Node);
  }
  return out;
}

function complexKeyError(key: Node, what: string): DocumentLimitError {
  const [start, end] = key.range ?? [0, 0];
  return new DocumentLimitError(
    [start, end],
    'NON_STRING_KEY',
    `${what} is used as a key here; Calico and Kubernetes keys are plain strings`,
    'YAML-COMPLEX-KEY',
  );
}

/** Errors found, bounded: past `room` they are only counted (building an error object is not free). */
class Found {
  readonly errors: YAMLParseError[] = [];
  omitted = 0;
  constructor(private readonly room: number) {}
  add(make: () => YAMLParseError): void {
    if (this.errors.length < this.room) this.errors.push(make());
    else this.omitted++;
  }
}

/**
 * Checks every node once, with an explicit stack (the tree may be deeper than the call stack allows); keeps at
 * most `room` errors and counts the rest.
 */
export function inspectDocument(doc: Document.Parsed, room: number): { errors: YAMLParseError[]; omitted: number } {
  const found = new Found(room);
  const anchors = new Map<string, Node>();
  const aliasKeys = new Set<Alias>();
  let aliasExpansion = 0;
  let aliasLimitReported = false;
  const root = doc.contents as Node | null;
  if (!root) return found;
  const sizes = new Map<Node, number>();
  const sizeOf = (n: Node) => sizes.get(n) ?? 1;
  const stack: { node: Node; exit: boolean }[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      let size = 1;
      for (const child of children(node)) size += sizeOf(child);
      size = Math.min(size, SIZE_CAP);
      sizes.set(node, size);
      if (node.anchor) expandedSizes.set(node, size);
      continue;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) continue;
      aliasTargets.set(node, target);
      // A target still being walked is an ancestor (a cycle); it adds nothing countable.
      const size = sizes.get(target) ?? 1;
      sizes.set(node, size);
      if (aliasKeys.has(node) && (isMap(target) || isSeq(target))) found.add(() => complexKeyError(node, `an alias of a ${isMap(target) ? 'mapping' : 'list'}`));
      aliasExpansion += size;
      if (aliasExpansion > MAX_ALIAS_EXPANSION && !aliasLimitReported) {
        aliasLimitReported = true;
        const [start, end] = node.range ?? [0, 0];
        found.add(
          () => new DocumentLimitError(
            [start, end],
            'RESOURCE_EXHAUSTION',
            `aliases in this document expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes; from here on they are not expanded when the document is read`,
            'YAML-ALIAS-LIMIT',
          ),
        );
      }
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (isMap(node)) checkKeys(node.items as unknown[], found, aliasKeys);
    stack.push({ node, exit: true });
    const list = children(node);
    for (let i = list.length - 1; i >= 0; i--) stack.push({ node: list[i], exit: false });
  }
  return found;
}

function checkKeys(items: unknown[], found: Found, aliasKeys: Set<Alias>): void {
  const seen = new Set<unknown>();
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const key = pair.key as Node | null;
    if (isScalar(key)) {
      const value = key.value;
      // Keys are equal when their scalar values are (as the yaml library compares them); NaN equals nothing.
      if (value !== value) continue;
      if (seen.has(value)) {
        const at = key.range?.[0] ?? 0;
        found.add(() => new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
      } else seen.add(value);
    } else if (isMap(key)) found.add(() => complexKeyError(key, 'a mapping'));
    else if (isSeq(key)) found.add(() => complexKeyError(key, 'a list'));
    else if (isAlias(key)) aliasKeys.add(key);
  }
}
