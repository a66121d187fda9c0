// Test helpers for the validator: lint a text, apply a fix, find expected ranges from fixture comments.
import { parseFile } from '../../server/src/document';
import { validateFile, type CalicoDiagnostic, type DiagnosticFix, type ValidationOptions } from '../../server/src/validation';

export function lint(text: string, options: Partial<ValidationOptions> = {}): CalicoDiagnostic[] {
  return validateFile(parseFile(text), { calicoVersion: 'latest', ...options });
}

export function codes(text: string, options: Partial<ValidationOptions> = {}): string[] {
  return lint(text, options).map((d) => d.code);
}

/** Applies a fix's edits (back to front so offsets stay valid). */
export function applyFix(text: string, fix: DiagnosticFix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export interface Expectation {
  code: string;
  /** Literal text the diagnostic must cover exactly, or undefined for "anywhere". */
  snippet?: string;
  occurrence: number;
}

/** `# expect: CODE snippet[#n]` lines at the top of a fixture; the snippet's nth occurrence after the header. */
export function parseExpectations(text: string): { expectations: Expectation[]; tiers?: Set<string>; edition?: ValidationOptions['edition']; calicoVersion?: string } {
  const expectations: Expectation[] = [];
  let tiers: Set<string> | undefined;
  let edition: ValidationOptions['edition'] | undefined;
  let calicoVersion: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^# expect: (\S+) (.*)$/.exec(line);
    if (m) {
      const raw = m[2];
      if (raw === '*') expectations.push({ code: m[1], occurrence: 1 });
      else {
        const occ = /^(.*)#(\d+)$/.exec(raw);
        expectations.push({ code: m[1], snippet: occ ? occ[1] : raw, occurrence: occ ? Number(occ[2]) : 1 });
      }
    }
    const t = /^# tiers: (.*)$/.exec(line);
    if (t) tiers = new Set(t[1].split(','));
    const e = /^# edition: (auto|oss|enterprise)$/.exec(line);
    if (e) edition = e[1] as ValidationOptions['edition'];
    const v = /^# calico-version: (\S+)$/.exec(line);
    if (v) calicoVersion = v[1];
  }
  return { expectations, tiers, ...(edition ? { edition } : {}), ...(calicoVersion ? { calicoVersion } : {}) };
}

/** File range of the nth occurrence of `snippet` outside the leading comment lines. */
export function rangeOf(text: string, snippet: string, occurrence = 1): { start: number; end: number } {
  let from = 0;
  while (text.startsWith('#', from) || text.startsWith('\n', from)) from = text.indexOf('\n', from) + 1;
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(snippet, at < 0 ? from : at + 1);
    if (at < 0) throw new Error(`snippet ${JSON.stringify(snippet)} #${occurrence} not found`);
  }
  return { start: at, end: at + snippet.length };
}
