// The parsed-file model every feature reads: one YAML document per `---` section, with file offsets.
import type { Document, YAMLMap, Scalar } from 'yaml';
import type { LineIndex } from './lineIndex';

export type ResourceFamily = 'calico' | 'kubernetes' | 'calico-crd';

export interface ResourceInfo {
  apiVersion: string;
  kind: string;
  /** projectcalico.org/v3 | networking.k8s.io/v1 NetworkPolicy | crd.projectcalico.org/v1 */
  family: ResourceFamily;
  name?: string;
  namespace?: string;
}

/**
 * One YAML document of a file. The reuse invariant every per-document cache relies on: when a file is
 * re-parsed (`parseFile` with the previous parse), a document object is kept only while the text of its
 * `---` section is unchanged; an edit before it only moves it (`start`/`end` change at once, node ranges
 * inside `yaml` are shifted lazily on its first read). So a cache keyed by the document object is valid
 * for as long as the object lives, must store offsets (or lines) relative to `start`, and should not read
 * `yaml` on a hit, which would pay the pending shift. The validator's cache (validation/index.ts) is the
 * one cache of diagnostics; features cache tokens, symbols and lenses the same way.
 */
export interface ParsedDocument {
  /** 0-based position in the file. */
  index: number;
  /** File offsets of this document's text. */
  start: number;
  end: number;
  /** Node ranges are FILE offsets. */
  yaml: Document.Parsed;
  /** Set only for Calico / Kubernetes-NetworkPolicy documents. */
  resource?: ResourceInfo;
  /** Syntax errors beyond the first MAX_SYNTAX_ERRORS (document/limits.ts): counted, not kept. */
  omittedErrors?: number;
  /** Contained Helm/Go template expressions (masked). */
  templated: boolean;
  /** File ranges [start, end) of masked template expressions (empty when not templated). */
  templateRanges: [number, number][];
  /** For `kind: List`: the items recognised as resources, each with its own node. */
  items?: { resource: ResourceInfo; node: YAMLMap }[];
}

export interface ParsedFile {
  text: string;
  version?: number;
  lines: LineIndex;
  documents: ParsedDocument[];
}

export interface NodeLocation {
  document: ParsedDocument;
  /** The resource map (the document root, or the List item). */
  resourceNode?: YAMLMap;
  /** The resource the cursor is in (root resource or List item). */
  resource?: ResourceInfo;
  /** Path from the resource node, e.g. ['spec','ingress',0,'source','selector']; on a key it ends with that key. */
  path: (string | number)[];
  /** Innermost node at the offset. */
  node?: import('yaml').Node;
  /** On a key, on a value, or on blank space where a key could go. */
  on: 'key' | 'value' | 'empty';
  /** The mapping the cursor is in (to know keys already present). */
  parentMap?: YAMLMap;
}

export type SelectorField = 'selector' | 'namespaceSelector' | 'serviceAccountSelector' | 'notSelector' | 'serviceAccounts.selector';

export interface SelectorSite {
  scalar: Scalar;
  text: string;
  /** Path from the resource node. */
  path: (string | number)[];
  field: SelectorField;
  level: 'policy' | 'rule';
  direction?: 'ingress' | 'egress';
  side?: 'source' | 'destination';
  ruleIndex?: number;
  /** The resource the selector belongs to (differs per item in a `kind: List`). */
  resource: ResourceInfo;
}
