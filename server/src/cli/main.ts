import { CliIo, ExitCode } from './io';
import { runSelectorCommand } from './selectorCommand';
import { runLintCommand } from './lintCommand';

const usage = `Usage:
  calico-policy selector '<expression>' [--labels '<JSON object>'] [--format text|json]
  calico-policy lint [--format text|json|sarif] [--calico-version V] <file|dir|->...
`;

export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'selector':
      return runSelectorCommand(rest, io);
    case 'lint':
      return runLintCommand(rest, io);
    case '--help':
    case '-h':
    case 'help':
      io.stdout(usage);
      return ExitCode.ok;
    default:
      io.stderr(command ? `calico-policy: unknown command '${command}'\n${usage}` : usage);
      return ExitCode.usage;
  }
}
