// `calico-policy lint [--format text|json|sarif] [--calico-version V] [--calico-edition E] [--hints] <file|dir|->...`
import { relative, sep } from 'node:path';
import { CliIo, ExitCode } from './io';
import { LineIndex, parseFile, type ParsedFile } from '../document';
import { internalDiagnostic, validateFile, type CalicoDiagnostic, type ValidationOptions } from '../validation';
import { collectInputs } from './lintFiles';
import { toSarif, type SarifFileResult } from './sarif';
import { CALICO_EDITIONS, isCalicoEdition, type CalicoEdition } from '../settings';
import { tierNamesInTexts } from '../validation/knownTiers';

const usage = `Usage: calico-policy lint [--format text|json|sarif] [--calico-version V] [--calico-edition E] [--hints] <file|dir|->...
  Checks Calico policy YAML (directories are searched for *.yaml and *.yml; - reads stdin).
  --format          text (default), json or sarif
  --calico-version  target Calico release for version-dependent rules, e.g. 3.27 (default: latest)
  --calico-edition  auto (default: Enterprise/Cloud fields allowed with a note), oss or enterprise
  --hints           also report hints (editor-style notes such as "this policy denies all egress")
Exit status: 0 no errors, 1 errors found, 2 usage or I/O failure, or an internal error while checking.
`;

interface LintArgs {
  format: 'text' | 'json' | 'sarif';
  calicoVersion: string;
  edition: CalicoEdition;
  hints: boolean;
  paths: string[];
}

function parseArgs(args: string[]): LintArgs | string {
  const out: LintArgs = { format: 'text', calicoVersion: 'latest', edition: 'auto', hints: false, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') return `--format must be text, json or sarif${v ? `, not '${v}'` : ''}`;
      out.format = v;
    } else if (flag === '--calico-version') {
      const v = value();
      if (!v || !(v === 'latest' || /^v?\d+\.\d+(\.\d+)?$/.test(v))) return `--calico-version must be 'latest' or a release such as 3.27${v ? `, not '${v}'` : ''}`;
      out.calicoVersion = v;
    } else if (flag === '--calico-edition') {
      const v = value();
      if (!isCalicoEdition(v)) return `--calico-edition must be ${CALICO_EDITIONS.join(', ')}${v ? `, not '${v}'` : ''}`;
      out.edition = v;
    } else if (flag === '--hints') out.hints = true;
    else if (a === '--') out.paths.push(...args.slice(i + 1)), (i = args.length);
    else if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
    else out.paths.push(a);
  }
  if (out.paths.length === 0) return 'no files given';
  return out;
}

function displayPath(path: string): string {
  if (path === '-') return '<stdin>';
  return relative(process.cwd(), path).split(sep).join('/') || path;
}

export async function runLintCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(usage);
    return ExitCode.ok;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`calico-policy lint: ${parsed}\n${usage}`);
    return ExitCode.usage;
  }
  const inputs = await collectInputs(parsed.paths, io.readStdin);
  let ioFailed = false;
  let internalFailures = 0;
  // Every Tier the linted files declare, plus the built-in ones, is a tier that exists (POL-TIER-EXISTS).
  const knownTiers = tierNamesInTexts(inputs.flatMap((input) => (input.text === undefined ? [] : [input.text])));
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let checked = 0;
  const results: SarifFileResult[] = [];
  for (const input of inputs) {
    if (input.error !== undefined || input.text === undefined) {
      ioFailed = true;
      io.stderr(`calico-policy lint: cannot read ${input.path}: ${input.error ?? 'unknown error'}\n`);
      continue;
    }
    checked++;
    const { file, diagnostics: all } = lintText(input.text, { calicoVersion: parsed.calicoVersion, edition: parsed.edition, knownTiers });
    const diagnostics = all.filter((d) => parsed.hints || d.severity !== 'hint');
    for (const d of diagnostics) {
      if (d.code === 'INTERNAL') {
        internalFailures++;
        io.stderr(`calico-policy lint: internal error while checking ${displayPath(input.path)}: ${d.message}\n`);
      }
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
    }
    results.push({ uri: displayPath(input.path), lines: file.lines, diagnostics });
  }
  if (parsed.format === 'json') io.stdout(`${JSON.stringify(results.flatMap(toJson), null, 2)}\n`);
  else if (parsed.format === 'sarif') io.stdout(`${JSON.stringify(toSarif(results, process.env.npm_package_version ?? '0.1.0'), null, 2)}\n`);
  else {
    for (const r of results) for (const d of r.diagnostics) io.stdout(`${textLine(r, d)}\n`);
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    io.stdout(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} other in ${plural(checked, 'file')} checked\n`);
  }
  if (ioFailed) return ExitCode.usage;
  if (internalFailures > 0) return ExitCode.internal;
  return errors > 0 ? ExitCode.problems : ExitCode.ok;
}

/** Parses and checks one file; a failure anywhere becomes an INTERNAL diagnostic instead of ending the run. */
function lintText(text: string, options: ValidationOptions): { file: ParsedFile; diagnostics: CalicoDiagnostic[] } {
  let file: ParsedFile = { text, lines: new LineIndex(text), documents: [] };
  let stage = 'reading the YAML';
  try {
    file = parseFile(text);
    stage = 'the checks';
    return { file, diagnostics: validateFile(file, options) };
  } catch (err) {
    return { file, diagnostics: [internalDiagnostic(stage, err, 0)] };
  }
}

function textLine(r: SarifFileResult, d: CalicoDiagnostic): string {
  const p = r.lines.positionAt(d.start);
  return `${r.uri}:${p.line + 1}:${p.character + 1}: ${d.severity} ${d.code} ${d.message}`;
}

function toJson(r: SarifFileResult) {
  return r.diagnostics.map((d) => ({
    file: r.uri,
    range: { start: r.lines.positionAt(d.start), end: r.lines.positionAt(Math.max(d.start, d.end)) },
    severity: d.severity,
    code: d.code,
    message: d.message,
  }));
}
