// Plain-language explanations of selector operators and functions, shared by completion and hover.

export interface SelectorWordDoc {
  /** One line, shown as completion detail. */
  summary: string;
  /** Markdown paragraph for hover and completion documentation. */
  doc: string;
}

const MISSING_TRUE = 'An endpoint **without** the label also matches.';
const MISSING_FALSE = 'An endpoint without the label never matches.';

export const operatorDocs: Record<string, SelectorWordDoc> = {
  '==': {
    summary: 'label equals value',
    doc: `\`key == "value"\` — true when the label is present and its value is exactly \`value\` (case-sensitive). ${MISSING_FALSE}`,
  },
  '!=': {
    summary: 'label differs from value, or is missing',
    doc: `\`key != "value"\` — true when the label's value is anything other than \`value\`. ${MISSING_TRUE} Use \`has(key) && key != "value"\` to require the label.`,
  },
  in: {
    summary: 'label value is one of a set',
    doc: `\`key in {"a", "b"}\` — true when the label is present and its value is one of the set. An empty set \`{}\` never matches. ${MISSING_FALSE}`,
  },
  'not in': {
    summary: 'label value is none of a set, or label missing',
    doc: `\`key not in {"a", "b"}\` — true when the label's value is none of the set. ${MISSING_TRUE} Use \`has(key) && key not in {…}\` to require the label.`,
  },
  contains: {
    summary: 'label value contains a substring',
    doc: `\`key contains "s"\` — true when the label is present and its value contains \`s\`. ${MISSING_FALSE}`,
  },
  'starts with': {
    summary: 'label value starts with a prefix',
    doc: `\`key starts with "s"\` — true when the label is present and its value begins with \`s\`. ${MISSING_FALSE}`,
  },
  'ends with': {
    summary: 'label value ends with a suffix',
    doc: `\`key ends with "s"\` — true when the label is present and its value ends with \`s\`. ${MISSING_FALSE}`,
  },
  '&&': {
    summary: 'both sides must match',
    doc: '`a && b` — true when both sides match. `&&` binds tighter than `||`.',
  },
  '||': {
    summary: 'either side matches',
    doc: '`a || b` — true when either side matches. `&&` binds tighter, so `a || b && c` means `a || (b && c)`.',
  },
  '!': {
    summary: 'negates the next term',
    doc: '`!term` — true when the term does not match. It applies to one term only: `!a == "x"` means `!(a == "x")`, which also matches endpoints without label `a`.',
  },
};

export const functionDocs: Record<string, SelectorWordDoc> = {
  has: {
    summary: 'label is present',
    doc: '`has(key)` — true when the label is present, whatever its value (even empty). `!has(key)` matches endpoints without it. No space is allowed before `(`.',
  },
  all: {
    summary: 'matches everything',
    doc: '`all()` — matches every endpoint in scope; the same as an empty selector. As a `namespaceSelector` (of a rule, or of a GlobalNetworkPolicy) it means any namespace, so non-namespaced endpoints such as host endpoints do not match.',
  },
  global: {
    summary: 'non-namespaced peers',
    doc: '`global()` — only valid as the whole `namespaceSelector` of a rule\'s source or destination: the peer is not in any namespace (host endpoints, global network sets).',
  },
};

