// `calico-policy selector '<expression>' [--labels '<JSON object>'] [--format text|json]`:
// checks a selector, prints its canonical form and, given labels, whether they match.
import { CliIo, ExitCode } from './io';
import { parseSelector, printSelector, evaluateSelector, findContradiction, type SelectorError } from '../selector/index';

const usage = `Usage: calico-policy selector '<expression>' [--labels '<JSON object>'] [--format text|json]\n`;

type Format = 'text' | 'json';

interface SelectorArgs {
  expression: string;
  labels?: Record<string, string>;
  format: Format;
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`calico-policy selector: ${message}\n${usage}`);
  return ExitCode.usage;
}

/** Parses `--labels` text into a label map, or returns why it is not one. */
export function parseLabelsArgument(text: string): Record<string, string> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `--labels is not valid JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return '--labels must be a JSON object of label keys to string values, e.g. \'{"app":"web"}\'';
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') return `--labels: the value of label "${key}" must be a string, not ${v === null ? 'null' : typeof v}`;
  }
  return value as Record<string, string>;
}

function parseArgs(args: string[]): SelectorArgs | string | 'help' {
  let expression: string | undefined;
  let labelsText: string | undefined;
  let format: string | undefined;
  let positionalOnly = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!positionalOnly && (arg === '--help' || arg === '-h')) return 'help';
    if (!positionalOnly && arg === '--') {
      positionalOnly = true;
      continue;
    }
    // Label keys may start with `-`, so only `--name` words are flags.
    if (!positionalOnly && arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (name !== '--labels' && name !== '--format') return `unknown option '${name}'`;
      let value: string;
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < args.length) value = args[++i];
      else return `${name} needs a value`;
      if (name === '--labels') {
        if (labelsText !== undefined) return '--labels given twice';
        labelsText = value;
      } else {
        if (format !== undefined) return '--format given twice';
        format = value;
      }
      continue;
    }
    if (expression !== undefined) return `unexpected extra argument '${arg}' (quote the whole selector as one argument)`;
    expression = arg;
  }
  if (expression === undefined) return 'missing the selector expression';
  if (format !== undefined && format !== 'text' && format !== 'json') return `--format must be 'text' or 'json', not '${format}'`;
  const result: SelectorArgs = { expression, format: (format ?? 'text') as Format };
  if (labelsText !== undefined) {
    const labels = parseLabelsArgument(labelsText);
    if (typeof labels === 'string') return labels;
    result.labels = labels;
  }
  return result;
}

/** Shows control characters visibly so the echoed selector stays on one line and columns line up. */
function visible(text: string): string {
  return text.replace(/[\n\r\v\f\u0085\u2028\u2029]/g, (c) => (c === '\n' ? '␤' : c === '\r' ? '␍' : '·'));
}

/** The expression echoed with a caret line under the error's exact characters. */
export function caretLines(expression: string, error: SelectorError): string {
  const before = Array.from(expression.slice(0, error.offset))
    .map((c) => (c === '\t' ? '\t' : ' '))
    .join('');
  const width = Math.max(1, Array.from(expression.slice(error.offset, error.offset + error.length)).length);
  return `  ${visible(expression)}\n  ${before}${'^'.repeat(width)}\n`;
}

export async function runSelectorCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    io.stdout(usage);
    return ExitCode.ok;
  }
  if (typeof parsed === 'string') return usageError(io, parsed);
  const { expression, labels, format } = parsed;
  const result = parseSelector(expression);
  if (!result.ok) {
    const { error } = result;
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ valid: false, error: { code: error.code, message: error.message, offset: error.offset, length: error.length } })}\n`);
    } else {
      io.stdout(`invalid selector: ${error.message} (${error.code} at offset ${error.offset})\n${caretLines(expression, error)}`);
    }
    return ExitCode.problems;
  }
  const canonical = printSelector(result.ast);
  const matches = labels ? evaluateSelector(result.ast, labels) : undefined;
  if (format === 'json') {
    io.stdout(`${JSON.stringify(matches === undefined ? { valid: true, canonical } : { valid: true, canonical, matches })}\n`);
  } else {
    let out = `valid\ncanonical: ${canonical}\n`;
    if (matches !== undefined) out += matches ? 'matches\n' : 'does not match\n';
    const contradiction = findContradiction(result.ast);
    if (contradiction) out += `warning: ${contradiction.message}\n`;
    io.stdout(out);
  }
  return ExitCode.ok;
}
