// The argument loop the path-taking commands share: `--help`, `--`, positional PATHs, and `--flag[=value]`.

/**
 * Walks `args`: positional arguments (and all after `--`) go to `paths`; each `--flag` goes to `onFlag`,
 * whose `value()` takes the inline `=value` or else the next argument. `onFlag` returns an error or nothing.
 */
export function scanArgs(args: string[], paths: string[], onFlag: (flag: string, value: () => string | undefined) => string | undefined): string | 'help' | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      paths.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const flag = eq >= 0 ? a.slice(0, eq) : a;
    const error = onFlag(flag, () => (eq >= 0 ? a.slice(eq + 1) : args[++i]));
    if (error !== undefined) return error;
  }
  return undefined;
}
