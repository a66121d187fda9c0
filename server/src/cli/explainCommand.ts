// `calico-policy explain FILE... [--format markdown|json]`: the explanation the editor shows, for CI and review.
import { relative, sep } from 'node:path';
import { CliIo, ExitCode } from './io';
import { parseFile } from '../document';
import { policiesInFile, policyMarkdown } from '../explain';
import { collectInputs } from './lintFiles';

const usage = `Usage: calico-policy explain [--format markdown|json] <file|dir|->...
  Prints the plain-English explanation of every policy in the files (directories are searched for *.yaml/*.yml).
  --format  markdown (default): the text the editor's "Explain Policy" shows; json: the policy facts behind it
Exit status: 0 done, 1 no policy found, 2 usage error or unreadable input.
`;

export async function runExplainCommand(args: string[], io: CliIo): Promise<number> {
  let format: 'markdown' | 'json' = 'markdown';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      io.stdout(usage);
      return ExitCode.ok;
    }
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'markdown' && v !== 'json') {
        io.stderr(`calico-policy explain: --format must be markdown or json${v ? `, not '${v}'` : ''}\n${usage}`);
        return ExitCode.usage;
      }
      format = v;
    } else if (a === '--') paths.push(...args.slice(i + 1)), (i = args.length);
    else if (a.startsWith('-') && a !== '-') {
      io.stderr(`calico-policy explain: unknown option '${a}'\n${usage}`);
      return ExitCode.usage;
    } else paths.push(a);
  }
  if (paths.length === 0) {
    io.stderr(`calico-policy explain: no file given\n${usage}`);
    return ExitCode.usage;
  }
  const inputs = await collectInputs(paths, io.readStdin);
  const markdown: string[] = [];
  const json: object[] = [];
  let failed = false;
  for (const input of inputs) {
    if (input.error !== undefined || input.text === undefined) {
      io.stderr(`calico-policy explain: cannot read ${input.path}: ${input.error ?? 'unknown error'}\n`);
      failed = true;
      continue;
    }
    const file = input.path === '-' ? '<stdin>' : relative(process.cwd(), input.path).split(sep).join('/') || input.path;
    const parsed = parseFile(input.text);
    for (const policy of policiesInFile(parsed)) {
      markdown.push(policyMarkdown(policy.facts));
      const position = parsed.lines.positionAt(policy.start);
      json.push({ file, line: position.line + 1, kind: policy.resource.kind, name: policy.resource.name ?? null, namespace: policy.facts.namespace ?? null, facts: policy.facts });
    }
  }
  if (failed) return ExitCode.usage;
  if (format === 'json') io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  else if (markdown.length) io.stdout(`${markdown.join('\n\n---\n\n')}\n`);
  if (json.length === 0) {
    io.stderr('calico-policy explain: no policy found\n');
    return ExitCode.problems;
  }
  return ExitCode.ok;
}
