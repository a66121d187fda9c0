import { CliIo, ExitCode } from './io';
import { runSelectorCommand } from './selectorCommand';
import { runLintCommand } from './lintCommand';
import { runSimulateCommand } from './simulateCommand';
import { runExplainCommand } from './explainCommand';
import { runDiffTrafficCommand } from './diffTrafficCommand';

const usage = `Usage:
  calico-policy selector '<expression>' [--labels '<JSON object>'] [--format text|json]
  calico-policy lint [--format text|json|sarif] [--calico-version V] <file|dir|->...
  calico-policy simulate [PATH...] --from NS/NAME|IP --to NS/NAME|IP --protocol P [--port N] [--format text|json]
  calico-policy simulate [PATH...] --flows FILE [--format text|json]
  calico-policy simulate [PATH...] --matrix --protocol P [--port N] [--format text|json]
  calico-policy simulate --cluster [--context NAME] [--kubeconfig FILE] [PATH...] ...
  calico-policy diff-traffic [--cluster [--context NAME] [--kubeconfig FILE]] [--format text|json] PATH...
  calico-policy explain [--format markdown|json] <file|dir|->...
Run 'calico-policy <command> --help' for a command's options.
`;

export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'selector':
      return runSelectorCommand(rest, io);
    case 'lint':
      return runLintCommand(rest, io);
    case 'simulate':
      return runSimulateCommand(rest, io);
    case 'explain':
      return runExplainCommand(rest, io);
    case 'diff-traffic':
      return runDiffTrafficCommand(rest, io);
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
