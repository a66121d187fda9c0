import { CliIo, ExitCode } from './io';

// Placeholder until the selector subcommand lands.
export async function runSelectorCommand(_args: string[], io: CliIo): Promise<number> {
  io.stderr('calico-policy selector: not available yet\n');
  return ExitCode.usage;
}
