// One walk over the files of workspace folders, shared by every feature that reads the workspace's YAML from disk.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** Directories never worth descending into. */
export const ALWAYS_SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

export interface WalkedFile {
  /** Absolute path. */
  path: string;
  /** Path below its folder, with `/` separators. */
  rel: string;
  name: string;
}

export interface WalkOptions {
  /** Whether to read the file at `rel` (default: *.yaml / *.yml). */
  includeFile?: (rel: string, name: string) => boolean;
  /** Whether to skip the directory at `rel`, besides node_modules and .git. */
  skipDirectory?: (rel: string, name: string) => boolean;
  /** Checked after each directory read: true ends the walk. */
  cancelled?: () => boolean;
}

const isYamlName = (_rel: string, name: string) => /\.ya?ml$/i.test(name);

/** The files below `folders`, unreadable directories skipped; stop early by leaving the loop (callers bound the count). */
export async function* walkWorkspaceFiles(folders: Iterable<string>, options: WalkOptions = {}): AsyncGenerator<WalkedFile> {
  const includeFile = options.includeFile ?? isYamlName;
  for (const folder of folders) {
    const dirs = [''];
    while (dirs.length > 0) {
      const relDir = dirs.pop()!;
      let entries;
      try {
        entries = await fs.readdir(join(folder, relDir), { withFileTypes: true });
      } catch {
        continue;
      }
      if (options.cancelled?.()) return;
      for (const entry of entries) {
        const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!ALWAYS_SKIPPED_DIRS.has(entry.name) && !options.skipDirectory?.(rel, entry.name)) dirs.push(rel);
          continue;
        }
        if (!entry.isFile() || !includeFile(rel, entry.name)) continue;
        yield { path: join(folder, rel), rel, name: entry.name };
      }
    }
  }
}
