import { CliIo, ExitCode } from './io';

// Placeholder until the lint subcommand lands.
export async function runLintCommand(_args: string[], io: CliIo): Promise<number> {
  io.stderr('calico-policy lint: not available yet\n');
  return ExitCode.usage;
}
