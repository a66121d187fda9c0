// Parses a file into documents, one `---` section at a time, reusing sections whose text did not change.
import { Composer, Parser, isMap, isPair, type CST, type Document, type YAMLError } from 'yaml';
import { LineIndex } from './lineIndex';
import { DocumentLimitError, MAX_SYNTAX_ERRORS, compactNestingAt, tooDeepAt, tooDeepError } from './limits';
import { inspectDocument } from './nodeChecks';
import { maskTemplates } from './templates';
import { recognizeListItems, recognizeResource } from './recognize';
import type { ParsedDocument, ParsedFile } from './types';

const DOC_START = /^---(?=[ \t\r\n]|$)/gm;

/** Section boundaries: a `---` at the start of a line always starts a new YAML document. */
export function splitSections(text: string): [number, number][] {
  // Directives (`%YAML`) belong to the following document; keep such files in one piece.
  if (/^%/m.test(text)) return [[0, text.length]];
  const cuts: number[] = [0];
  DOC_START.lastIndex = 0;
  for (let m = DOC_START.exec(text); m; m = DOC_START.exec(text)) if (m.index > 0) cuts.push(m.index);
  const out: [number, number][] = [];
  for (let i = 0; i < cuts.length; i++) out.push([cuts[i], i + 1 < cuts.length ? cuts[i + 1] : text.length]);
  return out;
}

interface Section {
  start: number;
  length: number;
  /** The newest file text this section is part of (never a stale copy, so old versions can be freed). */
  fileText: string;
  docs: SectionDocument[];
}

function sectionText(s: Section): string {
  return s.fileText.slice(s.start, s.start + s.length);
}

/** Parses one section; node ranges come out as file offsets because the parser starts at `start`. */
function parseSection(source: string, start: number): Section {
  const masked = maskTemplates(source, start);
  const end = start + source.length;
  const yamlDocs = composeSection(masked.text, start, end);
  const docs = yamlDocs.map(({ yaml, omittedErrors }, i) => {
    const docStart = i === 0 ? start : yaml.range[0];
    const docEnd = i === yamlDocs.length - 1 ? end : yamlDocs[i + 1].yaml.range[0];
    const templateRanges = masked.ranges.filter(([s, e]) => e > docStart && s < docEnd);
    const doc = describe(yaml, docStart, docEnd, templateRanges);
    if (omittedErrors > 0) doc.omittedErrors = omittedErrors;
    return doc;
  });
  return { start, length: source.length, fileText: '', docs };
}

interface Composed {
  yaml: Document.Parsed;
  omittedErrors: number;
}

/**
 * Composes a section's YAML documents with the library's (iterative) CST parser and its (recursive) composer.
 * Too-deep documents never reach the composer: each becomes an empty document with one error where it gets too
 * deep, and the section's other documents are composed as usual.
 */
function composeSection(text: string, start: number, end: number): Composed[] {
  // A line of thousands of `- - -` would overflow the CST parser itself: blank it from where it gets too deep.
  const compact = compactNestingAt(text);
  const compactAt = compact === undefined ? undefined : start + compact;
  if (compact !== undefined) {
    const lineEnd = text.indexOf('\n', compact);
    const cut = lineEnd < 0 ? text.length : lineEnd;
    text = text.slice(0, compact) + ' '.repeat(cut - compact) + text.slice(cut);
  }
  let tokens: CST.Token[];
  let docs: Document.Parsed[];
  const deepAt = new Map<number, number>();
  try {
    const parser = new Parser();
    parser.offset = start;
    tokens = Array.from(parser.parse(text));
    const docTokens = tokens.flatMap((t, i) => (t.type === 'document' ? [i] : []));
    docTokens.forEach((ti, docIndex) => {
      const t = tokens[ti] as CST.Document;
      const next = docTokens[docIndex + 1];
      const holdsCompact = compactAt !== undefined && compactAt >= t.offset && (next === undefined || compactAt < tokens[next].offset);
      const at = holdsCompact ? compactAt : tooDeepAt(t);
      if (at !== undefined) {
        deepAt.set(docIndex, at);
        tokens[ti] = withoutContent(t);
      }
    });
    docs = compose(tokens, end);
  } catch (err) {
    // The library recursed out of stack after all (or failed otherwise): keep the section, as one reported document.
    const empty = compose([{ type: 'document', offset: start, start: [], end: [] }], end);
    const rangeError = err instanceof RangeError;
    const reason = err instanceof Error ? err.message : String(err);
    empty[0].errors = [
      rangeError ? tooDeepError(compactAt ?? start) : new DocumentLimitError([start, start + 1], 'IMPOSSIBLE', `this YAML could not be read: ${reason}`, 'INTERNAL'),
    ];
    return empty.map((yaml) => ({ yaml, omittedErrors: 0 }));
  }
  return docs.map((yaml, i) => {
    const deep = deepAt.get(i) ?? exhaustedAt(yaml);
    if (deep !== undefined) {
      // One clear diagnostic for the document; its content (if the composer built any) is dropped.
      yaml.contents = null;
      yaml.errors = [tooDeepError(deep)];
      yaml.warnings = [];
      return { yaml, omittedErrors: 0 };
    }
    const found = inspectDocument(yaml, MAX_SYNTAX_ERRORS);
    for (const e of found.errors) yaml.errors.push(e);
    return { yaml, omittedErrors: capErrors(yaml) + found.omitted };
  });
}

function compose(tokens: CST.Token[], end: number): Document.Parsed[] {
  // Duplicate keys are found by inspectDocument in linear time (the library compares every pair of keys);
  // `logLevel: 'error'` keeps the library from printing warnings to stderr.
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  // A stray token per character can mean 100,000s of errors; their stack traces are never read.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return Array.from(composer.compose(tokens, false, end));
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function withoutContent(doc: CST.Document): CST.Document {
  return { type: 'document', offset: doc.offset, start: doc.start, end: [] };
}

/** The library turns a stack overflow inside it into a RESOURCE_EXHAUSTION error; where, if it did. */
function exhaustedAt(yaml: Document.Parsed): number | undefined {
  for (const e of yaml.errors) if (e.code === 'RESOURCE_EXHAUSTION' && !(e instanceof DocumentLimitError)) return e.pos[0];
  return undefined;
}

/** Keeps the first MAX_SYNTAX_ERRORS errors and warnings (in text order); returns how many errors were dropped. */
function capErrors(yaml: Document.Parsed): number {
  const cap = (list: YAMLError[]): number => {
    if (list.length <= MAX_SYNTAX_ERRORS) return 0;
    list.sort((a, b) => a.pos[0] - b.pos[0]);
    const dropped = list.length - MAX_SYNTAX_ERRORS;
    list.length = MAX_SYNTAX_ERRORS;
    return dropped;
  };
  cap(yaml.warnings);
  return cap(yaml.errors);
}

/**
 * A parsed document whose node ranges are moved lazily: when an earlier edit shifts it, only `start`/`end`
 * change at once, and the tree is walked the first time someone reads `yaml`.
 */
class SectionDocument implements Omit<ParsedDocument, 'index'> {
  index = 0;
  resource?: ParsedDocument['resource'];
  items?: ParsedDocument['items'];
  templated: boolean;
  omittedErrors?: number;
  declare readonly yaml: Document.Parsed;
  private pendingDelta = 0;
  /** Every node range of the tree, gathered on the first shift so later shifts are one flat loop. */
  private nodeRanges?: number[][];

  constructor(
    private readonly parsed: Document.Parsed,
    public start: number,
    public end: number,
    public templateRanges: [number, number][],
  ) {
    this.templated = templateRanges.length > 0;
    // An own, enumerable accessor, so spreading or inspecting a document still sees `yaml`.
    Object.defineProperty(this, 'yaml', { get: () => this.current(), enumerable: true });
    const root = parsed.contents;
    const resource = recognizeResource(root);
    if (resource) this.resource = resource;
    else if (isMap(root)) {
      const items = recognizeListItems(root);
      if (items) this.items = items;
    }
  }

  private current(): Document.Parsed {
    if (this.pendingDelta !== 0) {
      const delta = this.pendingDelta;
      this.pendingDelta = 0;
      const y = this.parsed;
      shiftRange(y.range, delta);
      if (!this.nodeRanges) collectRanges(y.contents, (this.nodeRanges = []));
      for (const r of this.nodeRanges) {
        r[0] += delta;
        r[1] += delta;
        r[2] += delta;
      }
      for (const list of [y.errors, y.warnings]) for (const err of list) err.pos = [err.pos[0] + delta, err.pos[1] + delta];
    }
    return this.parsed;
  }

  moveBy(delta: number): void {
    this.pendingDelta += delta;
    this.start += delta;
    this.end += delta;
    if (this.templateRanges.length) this.templateRanges = this.templateRanges.map(([s, e]) => [s + delta, e + delta]);
  }
}

function describe(
  yaml: Document.Parsed,
  start: number,
  end: number,
  templateRanges: [number, number][],
): SectionDocument {
  return new SectionDocument(yaml, start, end, templateRanges);
}

/** Moves a parsed section by `delta` characters (an edit earlier in the file changed its length). */
function shiftSection(section: Section, newStart: number): Section {
  const delta = newStart - section.start;
  if (delta === 0) return section;
  for (const doc of section.docs) doc.moveBy(delta);
  section.start = newStart;
  return section;
}

function shiftRange(range: number[], delta: number): void {
  for (let i = 0; i < range.length; i++) range[i] += delta;
}

/** Gathers every node's range array; an explicit stack, much cheaper than `visit` on big documents. */
function collectRanges(root: unknown, out: number[][]): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const n = node as { range?: number[] | null; items?: unknown[] };
    if (n.range) out.push(n.range);
    if (!Array.isArray(n.items)) continue;
    for (const item of n.items) {
      if (isPair(item)) {
        stack.push(item.key, item.value);
      } else stack.push(item);
    }
  }
}

const sectionsOf = new WeakMap<ParsedFile, Section[]>();

/** A section boundary (`---` at a line start, then blank or end of input) starts at `at`. */
function startsSection(text: string, at: number): boolean {
  if (at > 0 && text.charCodeAt(at - 1) !== 10) return false;
  if (!text.startsWith('---', at)) return false;
  const next = text.charCodeAt(at + 3);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 13 || next === 10;
}

/**
 * The new file's section bounds from the previous sections, splitting only the edited stretch: sections
 * whose text is unchanged at the start (same offsets) and at the end (moved by the length change) are kept,
 * if they still begin and end at section boundaries. Undefined when the whole file must be split again.
 */
function incrementalBounds(text: string, old: Section[]): { bounds: [number, number][]; front: number; back: number; from: number; oldTo: number; newTo: number } | undefined {
  const oldLength = old[old.length - 1].start + old[old.length - 1].length;
  const delta = text.length - oldLength;
  // Directives (`%YAML`) keep a file in one piece; such files take the full path.
  if (old.length === 1) return undefined;
  const unchangedAt = (o: Section, start: number) => start >= 0 && start + o.length <= text.length && text.slice(start, start + o.length) === sectionText(o);
  let front = 0;
  while (front < old.length && unchangedAt(old[front], old[front].start)) front++;
  // A kept front section ends where a boundary still starts (its `---` may have been deleted).
  while (front > 0 && front < old.length + 1) {
    const end = old[front - 1].start + old[front - 1].length;
    if (end === text.length || startsSection(text, end)) break;
    front--;
  }
  const frontEnd = front > 0 ? old[front - 1].start + old[front - 1].length : 0;
  let back = 0;
  while (back < old.length - front) {
    const o = old[old.length - 1 - back];
    const start = o.start + delta;
    if (start < frontEnd || !unchangedAt(o, start) || !startsSection(text, start)) break;
    back++;
  }
  const backStart = back > 0 ? old[old.length - back].start + delta : text.length;
  const middle = text.slice(frontEnd, backStart);
  if (/^%/m.test(middle)) return undefined;
  const bounds: [number, number][] = [];
  for (let i = 0; i < front; i++) bounds.push([old[i].start, old[i].start + old[i].length]);
  if (backStart > frontEnd || (front === 0 && back === 0)) {
    const cuts: number[] = [frontEnd];
    DOC_START.lastIndex = 0;
    for (let m = DOC_START.exec(middle); m; m = DOC_START.exec(middle)) if (m.index > 0) cuts.push(frontEnd + m.index);
    for (let i = 0; i < cuts.length; i++) bounds.push([cuts[i], i + 1 < cuts.length ? cuts[i + 1] : backStart]);
  }
  for (let i = old.length - back; i < old.length; i++) bounds.push([old[i].start + delta, old[i].start + delta + old[i].length]);
  return { bounds, front, back, from: frontEnd, oldTo: backStart - delta, newTo: backStart };
}

/**
 * Parses `text`. With `previous`, sections whose text is unchanged are reused (shifted if they moved),
 * so an edit re-parses only the section it touched. `previous` must not be used afterwards.
 */
export function parseFile(text: string, previous?: ParsedFile): ParsedFile {
  const old = previous ? sectionsOf.get(previous) ?? [] : [];
  const incremental = previous && old.length ? incrementalBounds(text, old) : undefined;
  const bounds = incremental?.bounds ?? splitSections(text);
  const sections: (Section | undefined)[] = new Array(bounds.length);
  // Equal-length `===` on slices is a memory compare; `startsWith` at an offset is many times slower.
  const same = (o: Section, [s, e]: [number, number]) => o.length === e - s && sectionText(o) === text.slice(s, e);
  // Unchanged sections before the edit keep their offsets; those after it moved by the length change.
  let front = 0;
  let back = 0;
  if (incremental) {
    ({ front, back } = incremental);
    for (let i = 0; i < front; i++) sections[i] = old[i];
    for (let i = 0; i < back; i++) sections[bounds.length - 1 - i] = shiftSection(old[old.length - 1 - i], bounds[bounds.length - 1 - i][0]);
  } else {
    while (front < bounds.length && front < old.length && old[front].start === bounds[front][0] && same(old[front], bounds[front])) {
      sections[front] = old[front];
      front++;
    }
    while (
      back < bounds.length - front &&
      back < old.length - front &&
      same(old[old.length - 1 - back], bounds[bounds.length - 1 - back])
    ) {
      const b = bounds[bounds.length - 1 - back];
      sections[bounds.length - 1 - back] = shiftSection(old[old.length - 1 - back], b[0]);
      back++;
    }
  }
  // In between (the edited region), reuse by text where possible, otherwise parse.
  const reusable = new Map<string, Section[]>();
  for (let i = front; i < old.length - back; i++) {
    const key = sectionText(old[i]);
    const list = reusable.get(key);
    if (list) list.push(old[i]);
    else reusable.set(key, [old[i]]);
  }
  for (let i = front; i < bounds.length - back; i++) {
    const [start, end] = bounds[i];
    const slice = text.slice(start, end);
    const candidate = reusable.get(slice)?.shift();
    sections[i] = candidate ? shiftSection(candidate, start) : parseSection(slice, start);
  }
  const documents: ParsedDocument[] = [];
  for (const s of sections as Section[]) {
    for (const d of s.docs) {
      d.index = documents.length;
      documents.push(d);
    }
  }
  for (const s of sections as Section[]) s.fileText = text;
  const lines = incremental && previous ? LineIndex.afterEdit(previous.lines, text, incremental.from, incremental.oldTo, incremental.newTo) : new LineIndex(text);
  const file: ParsedFile = { text, lines, documents };
  sectionsOf.set(file, sections as Section[]);
  return file;
}

/** Keeps the latest parse per URI and version, re-parsing only edited sections. */
export class ParsedFileCache {
  private readonly files = new Map<string, { version: number; file: ParsedFile }>();

  get(uri: string, version: number, text: string): ParsedFile {
    const hit = this.files.get(uri);
    if (hit && hit.version === version && hit.file.text === text) return hit.file;
    const file = parseFile(text, hit?.file);
    file.version = version;
    this.files.set(uri, { version, file });
    return file;
  }

  delete(uri: string): void {
    this.files.delete(uri);
  }
}
