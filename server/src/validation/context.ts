// Helpers every check uses: reading nodes, ranges, and reporting diagnostics against file offsets.
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedDocument, ParsedFile, ResourceInfo } from '../document';
import type { CalicoDiagnostic, DiagnosticFix, Severity, ValidationOptions } from './types';

export interface Range {
  start: number;
  end: number;
}

export class CheckContext {
  readonly diagnostics: CalicoDiagnostic[] = [];

  constructor(
    readonly file: ParsedFile,
    readonly doc: ParsedDocument,
    readonly options: ValidationOptions,
    readonly resource: ResourceInfo,
    readonly root: YAMLMap,
  ) {}

  report(code: string, severity: Severity, message: string, at: Node | Range | null | undefined, fixes?: DiagnosticFix[]): void {
    const range = at ? rangeOf(at) : { start: this.root.range?.[0] ?? this.doc.start, end: (this.root.range?.[0] ?? this.doc.start) + 1 };
    const d: CalicoDiagnostic = { code, severity, message, start: range.start, end: Math.max(range.end, range.start) };
    if (fixes && fixes.length) d.fixes = fixes;
    this.diagnostics.push(d);
  }

  error(code: string, message: string, at: Node | Range | null | undefined, fixes?: DiagnosticFix[]): void {
    this.report(code, 'error', message, at, fixes);
  }

  warning(code: string, message: string, at: Node | Range | null | undefined, fixes?: DiagnosticFix[]): void {
    this.report(code, 'warning', message, at, fixes);
  }

  /** The file's line ending, for fixes that insert lines. */
  get eol(): string {
    const i = this.file.text.indexOf('\n');
    return i > 0 && this.file.text[i - 1] === '\r' ? '\r\n' : '\n';
  }

  /** The file text of a node. */
  source(node: Node): string {
    const r = rangeOf(node);
    return this.file.text.slice(r.start, r.end);
  }
}

export function rangeOf(at: Node | Range): Range {
  if ('start' in at && typeof (at as Range).start === 'number' && !('range' in at)) return at as Range;
  const r = (at as Node).range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

export function get(map: unknown, key: string): Node | undefined {
  return isMap(map) ? ((map.get(key, true) as Node | undefined) ?? undefined) : undefined;
}

export function pairOf(map: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  for (const p of map.items) if (isPair(p) && isScalar(p.key) && p.key.value === key) return p as Pair<Node, Node | null>;
  return undefined;
}

/** The key node of `key` in `map` (to underline a field name). */
export function keyNode(map: unknown, key: string): Node | undefined {
  return pairOf(map, key)?.key ?? undefined;
}

export function has(map: unknown, key: string): boolean {
  return pairOf(map, key) !== undefined;
}

export function mapAt(map: unknown, key: string): YAMLMap | undefined {
  const n = get(map, key);
  return isMap(n) ? n : undefined;
}

export function seqAt(map: unknown, key: string): YAMLSeq | undefined {
  const n = get(map, key);
  return isSeq(n) ? n : undefined;
}

export function scalarAt(map: unknown, key: string): Scalar | undefined {
  const n = get(map, key);
  return isScalar(n) ? n : undefined;
}

/** The scalar value (string, number, boolean or null) of a field, undefined when absent or not a scalar. */
export function valueAt(map: unknown, key: string): unknown {
  const n = get(map, key);
  return isScalar(n) ? n.value : undefined;
}

export function stringValue(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Scalars of a sequence (non-scalars skipped). */
export function scalarItems(seq: YAMLSeq | undefined): Scalar[] {
  if (!seq) return [];
  return seq.items.filter((i): i is Scalar => isScalar(i));
}

export function mapItems(seq: YAMLSeq | undefined): YAMLMap[] {
  if (!seq) return [];
  return seq.items.filter((i): i is YAMLMap => isMap(i));
}

/** A field counts as "set" when present with a non-null, non-empty value. */
export function isSet(map: unknown, key: string): boolean {
  const n = get(map, key);
  if (n === undefined) return false;
  if (isScalar(n)) return n.value !== null && n.value !== '' && n.value !== false && n.value !== 0;
  if (isMap(n) || isSeq(n)) return n.items.length > 0;
  return true;
}

/** Replacement text for a scalar that keeps its quoting style. */
export function replaceScalarText(scalar: Scalar, newValue: string): string {
  if (scalar.type === 'QUOTE_DOUBLE') return JSON.stringify(newValue);
  if (scalar.type === 'QUOTE_SINGLE') return `'${newValue.replace(/'/g, "''")}'`;
  return newValue;
}
