// The CLI's only contact with the outside world, so subcommands can be tested in-process.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
}

/** Exit codes shared by every subcommand; a failure of the checker itself exits like an I/O failure. */
export const ExitCode = { ok: 0, problems: 1, usage: 2, internal: 2 } as const;
