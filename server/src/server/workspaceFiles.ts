// Every workspace YAML file parsed once for the traffic simulator: found with the label source's globs and
// limits, re-parsed only when its size or mtime changes, and replaced by the open editor's text where one is open.
import { promises as fs } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseFile, type ParsedFile } from '../document';
import { walkWorkspaceFiles } from '../validation/workspaceWalk';
import { GlobFilter } from '../labels/workspace/glob';
import { MAX_FILE_BYTES, MAX_FILES, uriKey } from '../labels/workspace/workspaceSource';
import type { CalicoSettings } from '../settings';

/** Disk is walked again at most this often; edits in open editors are seen at once. */
const REWALK_MS = 2000;

export interface OpenFile {
  uri: string;
  version: number;
  file: ParsedFile;
}

export interface WorkspaceFileSetOptions {
  /** Paths of the workspace folders, read at every walk. */
  getFolders(): string[];
  getSettings(): CalicoSettings;
  /** The open editors' parsed models (they win over the same file on disk). */
  openFiles(): OpenFile[];
  log(message: string): void;
  rewalkMs?: number;
}

export interface WorkspaceFile {
  uri: string;
  file: ParsedFile;
}

interface DiskEntry {
  uri: string;
  size: number;
  mtimeMs: number;
  file: ParsedFile;
}

export class WorkspaceFileSet {
  private folders: string[] = [];
  /** Folders and globs of the last walk; when they change, everything is read again. */
  private walkedWith = '';
  private readonly onDisk = new Map<string, DiskEntry>();
  private walked = 0;
  private walking: Promise<void> | undefined;
  private generation = 0;
  /** Bumped whenever a disk file is added, re-parsed or dropped. */
  private diskVersion = 0;
  private limitNotes: string[] = [];

  constructor(private readonly options: WorkspaceFileSetOptions) {}

  private invalidate(): void {
    this.generation++;
    this.onDisk.clear();
    this.diskVersion++;
    this.walked = 0;
    this.walking = undefined;
  }

  /** Sentences about files left out by the size and count limits. */
  notes(): string[] {
    return this.limitNotes;
  }

  /** Current files (disk walked if it is older than the re-walk interval), and a key that changes when any file does. */
  async current(): Promise<{ files: WorkspaceFile[]; key: string }> {
    const folders = this.options.getFolders().map((f) => (f.startsWith('file:') ? uriKey(f) : f));
    const { include, exclude } = this.options.getSettings().workspaceLabels;
    const config = JSON.stringify([folders, include, exclude]);
    if (config !== this.walkedWith) {
      this.walkedWith = config;
      this.folders = folders;
      this.invalidate();
    }
    const age = Date.now() - this.walked;
    if (age > (this.options.rewalkMs ?? REWALK_MS)) {
      this.walking ??= this.walk(this.generation).finally(() => {
        this.walked = Date.now();
        this.walking = undefined;
      });
      await this.walking;
    }
    return this.snapshot();
  }

  private snapshot(): { files: WorkspaceFile[]; key: string } {
    const open = this.options.openFiles();
    const openKeys = new Set(open.map((o) => uriKey(o.uri)));
    const files: WorkspaceFile[] = [];
    for (const [path, entry] of this.onDisk) if (!openKeys.has(path)) files.push({ uri: entry.uri, file: entry.file });
    for (const o of open) files.push({ uri: o.uri, file: o.file });
    files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    const key = `${this.diskVersion}|${open.map((o) => `${o.uri}@${o.version}`).sort().join(',')}`;
    return { files, key };
  }

  private async walk(generation: number): Promise<void> {
    const { include, exclude } = this.options.getSettings().workspaceLabels;
    const filter = new GlobFilter(include, exclude);
    const seen = new Set<string>();
    let count = 0;
    let skippedLarge = 0;
    let stopped = false;
    const files = walkWorkspaceFiles(this.folders, {
      includeFile: (rel) => filter.matches(rel),
      skipDirectory: (rel) => filter.excludesDirectory(rel),
      cancelled: () => generation !== this.generation,
    });
    for await (const { path } of files) {
      if (++count > MAX_FILES) {
        stopped = true;
        break;
      }
      const read = await this.refreshFile(path, generation);
      if (read === 'read') seen.add(path);
      else if (read === 'too-large') skippedLarge++;
      if (generation !== this.generation) return;
    }
    if (generation !== this.generation) return;
    for (const path of [...this.onDisk.keys()]) {
      if (!seen.has(path)) {
        this.onDisk.delete(path);
        this.diskVersion++;
      }
    }
    const notes: string[] = [];
    if (stopped) notes.push(`Only the first ${MAX_FILES} workspace YAML files were read (narrow calico.workspaceLabels.include).`);
    if (skippedLarge > 0) notes.push(`${skippedLarge} workspace files larger than ${MAX_FILE_BYTES >> 10} KiB were not read.`);
    this.limitNotes = notes;
  }

  /** Re-parses the file only when its size or mtime changed. */
  private async refreshFile(path: string, generation: number): Promise<'read' | 'too-large' | 'unreadable'> {
    try {
      const stat = await fs.stat(path);
      if (!stat.isFile()) return 'unreadable';
      if (stat.size > MAX_FILE_BYTES) return 'too-large';
      const before = this.onDisk.get(path);
      if (before && before.size === stat.size && before.mtimeMs === stat.mtimeMs) return 'read';
      const text = await fs.readFile(path, 'utf8');
      if (generation !== this.generation) return 'unreadable';
      this.onDisk.set(path, { uri: pathToFileURL(path).href, size: stat.size, mtimeMs: stat.mtimeMs, file: parseFile(text) });
      this.diskVersion++;
      return 'read';
    } catch (error) {
      this.options.log(`simulation: could not read ${path}: ${(error as Error).message}`);
      return 'unreadable';
    }
  }
}
