// A CliIo that records what a command prints, for in-process CLI tests.
import type { CliIo } from '../../server/src/cli/io';

export interface RecordingIo extends CliIo {
  out: string;
  err: string;
}

export function recordingIo(stdin = ''): RecordingIo {
  const io: RecordingIo = {
    out: '',
    err: '',
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
    readStdin: async () => stdin,
  };
  return io;
}
