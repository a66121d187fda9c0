// Completion inside selector strings: label keys, operators, known values, functions, with the
// quoting the surrounding YAML scalar needs and, for every item, where the suggestion comes from.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import type { ParsedFile } from '../document';
import type { LabelIndex, LabelKeyInfo, LabelScope, LabelValueInfo } from '../labels/labelIndex';
import { scopeForSelector } from '../labels/match';
import { NAME_LABEL } from '../labels/implicitLabels';
import type { ClientFeatures } from './clientFeatures';
import { selectorCursor, type SelectorAtCursor } from './selectorContext';
import { functionDocs, operatorDocs } from './hoverSelectorDocs';

export interface SelectorCompletionInput {
  file: ParsedFile;
  at: SelectorAtCursor;
  client: ClientFeatures;
  labels?: LabelIndex;
}

/** The label scope of the selector at the cursor (pods of the policy's namespace, namespaces, …). */
export function scopeAtCursor(at: SelectorAtCursor): LabelScope {
  const nsSibling = at.siblings.find((s) => s.field === 'namespaceSelector');
  return scopeForSelector(at.site, at.site.resource, at.site.level === 'rule' && at.site.field !== 'namespaceSelector' ? nsSibling?.text : undefined);
}

/** What the scope is called in item details ("pods in yaobank-customer", "namespaces"). */
export function describeScope(scope: LabelScope): string {
  switch (scope.kind) {
    case 'namespaces':
      return 'namespaces';
    case 'serviceAccounts':
      return scope.namespace !== undefined ? `service accounts in ${scope.namespace}` : 'service accounts';
    case 'endpoints':
      return scope.namespace !== undefined ? `endpoints in ${scope.namespace}` : 'endpoints in every namespace';
  }
}

const OPERATORS = ['==', '!=', 'in', 'not in', 'contains', 'starts with', 'ends with'] as const;

export function selectorCompletions(input: SelectorCompletionInput): CompletionItem[] {
  const { at, client } = input;
  const cursor = selectorCursor(at.text, at.valueOffset);
  const scope = scopeAtCursor(at);
  const range = (start: number, end: number) => ({
    start: input.file.lines.positionAt(at.toFile(start)),
    end: input.file.lines.positionAt(at.toFile(end)),
  });
  const replace = range(cursor.replaceStart, cursor.replaceEnd);
  // Inside a double-quoted YAML scalar a `"` would end the scalar, so selector strings use single quotes.
  const defaultQuote = at.style === 'double' ? "'" : '"';
  // Text replacing part of a quoted YAML scalar is written in that scalar's escaping (`\"` / `''`).
  const yamlText = (text: string) =>
    at.style === 'double' ? text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : at.style === 'single' ? text.replace(/'/g, "''") : text;
  const items: CompletionItem[] = [];
  const p = cursor.position;

  const keyItems = (): CompletionItem[] => labelKeys(input.labels, scope).map((k, i) => ({
    label: k.key,
    kind: CompletionItemKind.Field,
    detail: k.detail,
    sortText: rank(i),
    textEdit: { range: replace, newText: k.key },
  }));

  switch (p.kind) {
    case 'expression':
    case 'label': {
      items.push(...keyItems());
      const atStart = at.text.trim() === '' || cursor.replaceStart === 0;
      const fn = (name: keyof typeof functionDocs, insert: string, snippet?: string): CompletionItem => ({
        label: insert,
        kind: CompletionItemKind.Function,
        detail: functionDocs[name].summary,
        documentation: doc(client, functionDocs[name].doc),
        sortText: `~${insert}`,
        insertTextFormat: snippet && client.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: replace, newText: snippet && client.snippets ? snippet : insert },
      });
      items.push(fn('has', 'has()', 'has($1)'));
      if (!(p.kind === 'expression' && p.afterNot)) {
        // A YAML plain scalar cannot start with `!` (it would be a tag), so only offer it mid-selector.
        if (!(atStart && (at.style === 'plain' || at.style === 'none'))) items.push({ ...fn('has', '!has()', '!has($1)'), detail: 'label is absent' });
        // all()/global() as the whole selector: nothing else written besides the word being typed.
        const onlyWord = (at.text.slice(0, cursor.replaceStart) + at.text.slice(cursor.replaceEnd)).trim() === '';
        if (onlyWord) {
          items.push(fn('all', 'all()'));
          // global() is only legal as the whole namespaceSelector of a rule side.
          if (at.site.level === 'rule' && at.site.field === 'namespaceSelector') items.push(fn('global', 'global()'));
        }
      }
      break;
    }
    case 'has-argument':
      items.push(...keyItems());
      break;
    case 'operator':
      OPERATORS.forEach((op, i) => {
        const d = operatorDocs[op];
        const wantsSet = op === 'in' || op === 'not in';
        const snippet = wantsSet ? `${op} {${defaultQuote}$1${defaultQuote}}` : `${op} ${defaultQuote}$1${defaultQuote}`;
        items.push({
          label: op,
          kind: CompletionItemKind.Operator,
          detail: d.summary,
          documentation: doc(client, d.doc),
          sortText: rank(i),
          insertTextFormat: client.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
          textEdit: { range: replace, newText: client.snippets ? snippet : `${op} ` },
        });
      });
      break;
    case 'value':
    case 'set-member': {
      const quote = p.quote ?? defaultQuote;
      const present = p.kind === 'set-member' ? new Set(p.present) : new Set<string>();
      const values = labelValues(input.labels, scope, p.key).filter((v) => !present.has(v.value) && !v.value.includes(quote));
      values.forEach((v, i) => {
        const text = yamlText(`${quote}${v.value}${quote}`);
        items.push({
          label: v.value === '' ? '""' : v.value,
          kind: CompletionItemKind.Value,
          detail: `${p.key}=${v.value} · ${v.detail}`,
          sortText: rank(i),
          filterText: text,
          textEdit: { range: replace, newText: text },
        });
      });
      break;
    }
    case 'set': {
      const values = labelValues(input.labels, scope, p.key);
      const q = defaultQuote;
      if (values.length > 0) {
        values.forEach((v, i) => {
          const text = `{${q}${v.value}${q}}`;
          items.push({
            label: text,
            kind: CompletionItemKind.Value,
            detail: `${p.key}=${v.value} · ${v.detail}`,
            sortText: rank(i),
            textEdit: { range: replace, newText: text },
          });
        });
      }
      items.push({
        label: '{}',
        kind: CompletionItemKind.Snippet,
        detail: 'a set of values',
        sortText: '~',
        insertTextFormat: client.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: replace, newText: client.snippets ? `{${q}$1${q}}` : '{}' },
      });
      break;
    }
    case 'after-term':
      (['&&', '||'] as const).forEach((op, i) => {
        items.push({
          label: op,
          kind: CompletionItemKind.Operator,
          detail: operatorDocs[op].summary,
          documentation: doc(client, operatorDocs[op].doc),
          sortText: rank(i),
          textEdit: { range: replace, newText: `${op} ` },
        });
      });
      if (openParens(cursor.tokens, cursor.replaceStart) > 0) {
        items.push({ label: ')', kind: CompletionItemKind.Operator, detail: 'close the group', sortText: rank(2), textEdit: { range: replace, newText: ')' } });
      }
      break;
    case 'none':
      break;
  }
  return items;
}

/** Keys in scope; namespaces always offer `projectcalico.org/name`, which Calico adds itself. */
function labelKeys(labels: LabelIndex | undefined, scope: LabelScope): LabelKeyInfo[] {
  const keys = labels?.isLoaded() ? labels.keys(scope) : [];
  if (scope.kind === 'namespaces' && !keys.some((k) => k.key === NAME_LABEL)) {
    keys.push({ key: NAME_LABEL, count: 0, detail: "the namespace's name (added by Calico)" });
  }
  return keys;
}

function labelValues(labels: LabelIndex | undefined, scope: LabelScope, key: string): LabelValueInfo[] {
  if (!labels?.isLoaded() || key === '') return [];
  return labels.values(scope, key);
}

function rank(i: number): string {
  return String(i).padStart(5, '0');
}

function doc(client: ClientFeatures, markdown: string) {
  return client.markdownCompletionDocs ? { kind: MarkupKind.Markdown, value: markdown } : markdown.replace(/`/g, '');
}

/** `(` not yet closed before `offset` (a complete `has(…)` opens and closes its own). */
function openParens(tokens: readonly { kind: string; text: string; end: number }[], offset: number): number {
  let depth = 0;
  for (const t of tokens) {
    if (t.end > offset || t.kind !== 'paren') continue;
    depth += t.text === '(' ? 1 : -1;
  }
  return depth;
}
