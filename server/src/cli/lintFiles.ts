// Finds the files `calico-policy lint` checks: given files, *.yaml/*.yml under directories, or stdin.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface LintInput {
  /** Path as given or found (for stdin: '-'). */
  path: string;
  text?: string;
  /** Why it could not be read. */
  error?: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(path, out);
    } else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(path);
  }
}

function describeError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return err instanceof Error ? err.message : String(err);
}

/** Expands the command-line paths; unreadable ones come back with an `error` instead of text. */
export async function collectInputs(paths: string[], readStdin: () => Promise<string>): Promise<LintInput[]> {
  const out: LintInput[] = [];
  for (const p of paths) {
    if (p === '-') {
      try {
        out.push({ path: '-', text: await readStdin() });
      } catch (err) {
        out.push({ path: '-', error: describeError(err) });
      }
      continue;
    }
    try {
      const info = await stat(p);
      if (info.isDirectory()) {
        const files: string[] = [];
        await walk(p, files);
        for (const f of files) out.push(await readOne(f));
      } else out.push(await readOne(p));
    } catch (err) {
      out.push({ path: p, error: describeError(err) });
    }
  }
  return out;
}

async function readOne(path: string): Promise<LintInput> {
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch (err) {
    return { path, error: describeError(err) };
  }
}
