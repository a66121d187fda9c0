// YAML syntax problems and document-level checks (internal CRD API group, mistyped kinds).
import { isMap } from 'yaml';
import { calicoKinds, suggestField } from '../schema';
import { CALICO_API, CALICO_CRD_API, DocumentLimitError, MAX_SYNTAX_ERRORS, type ParsedDocument } from '../document';
import type { CalicoDiagnostic } from './types';
import { scalarAt, stringValue } from './context';

export function yamlDiagnostics(doc: ParsedDocument, text: string): CalicoDiagnostic[] {
  const out: CalicoDiagnostic[] = [];
  for (const err of doc.yaml.errors) {
    if (err instanceof DocumentLimitError && err.rule !== 'YAML-DUP-KEY') {
      out.push({ code: err.rule, severity: 'error', message: limitMessage(err), start: err.pos[0], end: Math.max(err.pos[1], err.pos[0]) });
      continue;
    }
    const duplicate = err.code === 'DUPLICATE_KEY';
    // Underline the whole repeated key, not just its first character.
    const keyEnd = duplicate ? err.pos[0] + (/^[^\s:]+/.exec(text.slice(err.pos[0], err.pos[0] + 256))?.[0].length ?? 1) : err.pos[1];
    const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    out.push({
      code: duplicate ? 'YAML-DUP-KEY' : 'YAML-SYNTAX',
      severity: 'error',
      message: duplicate ? `${message}; each key may appear only once in a mapping.` : `YAML syntax error: ${message}`,
      start: err.pos[0],
      end: Math.max(duplicate ? keyEnd : err.pos[1], err.pos[0]),
    });
  }
  const omitted = doc.omittedErrors ?? 0;
  if (omitted > 0) {
    // The summary sits on the last reported error, so it is seen next to the ones shown.
    const last = out[out.length - 1];
    const at = last ? last.start : doc.start;
    out.push({
      code: 'YAML-SYNTAX',
      severity: 'error',
      message: `… and ${omitted.toLocaleString('en-US')} more YAML syntax error${omitted === 1 ? '' : 's'} in this document (only the first ${MAX_SYNTAX_ERRORS} are listed).`,
      start: at,
      end: last ? last.end : at,
    });
  }
  return out;
}

function limitMessage(err: DocumentLimitError): string {
  const text = err.message.charAt(0).toUpperCase() + err.message.slice(1);
  return text.endsWith('.') ? text : `${text}.`;
}

/** A root that names an apiVersion and kind we do not check is someone else's document. */
export function isForeignDocument(doc: ParsedDocument): boolean {
  if (doc.resource || doc.items) return false;
  const root = doc.yaml.contents;
  if (!isMap(root)) return false;
  const api = stringValue(scalarAt(root, 'apiVersion'));
  const kind = stringValue(scalarAt(root, 'kind'));
  return !!api && !!kind && !(api === CALICO_API && suggestField(kind, calicoKinds) && !calicoKinds.includes(kind));
}

export function documentDiagnostics(doc: ParsedDocument): CalicoDiagnostic[] {
  const root = doc.yaml.contents;
  if (!isMap(root)) return [];
  const out: CalicoDiagnostic[] = [];
  const api = scalarAt(root, 'apiVersion');
  const kind = scalarAt(root, 'kind');
  if (doc.resource?.family === 'calico-crd' && api?.range) {
    out.push({
      code: 'DOC-CRD-API',
      severity: 'warning',
      message: `\`${CALICO_CRD_API}\` is Calico's internal storage form; edit and apply \`${CALICO_API}\` resources instead (through the Calico API server or calicoctl).`,
      start: api.range[0],
      end: api.range[1],
      fixes: [{ title: `Change to ${CALICO_API}`, edits: [{ start: api.range[0], end: api.range[1], newText: CALICO_API }] }],
    });
  }
  const kindText = stringValue(kind);
  if (stringValue(api) === CALICO_API && kind?.range && kindText && !calicoKinds.includes(kindText)) {
    const suggestion = suggestField(kindText, calicoKinds);
    if (suggestion) {
      out.push({
        code: 'DOC-KIND-UNKNOWN',
        severity: 'error',
        message: `Unknown Calico kind \`${kindText}\`; did you mean \`${suggestion}\`?`,
        start: kind.range[0],
        end: kind.range[1],
        fixes: [{ title: `Change to ${suggestion}`, edits: [{ start: kind.range[0], end: kind.range[1], newText: suggestion }], isPreferred: true }],
      });
    }
  }
  return out;
}

