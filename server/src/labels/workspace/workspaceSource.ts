// The workspace label source: a bounded background scan of the folders' YAML, kept current by file
// events; an open editor's unsaved text replaces the file on disk.
import { promises as fs } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALWAYS_SKIPPED_DIRS, walkWorkspaceFiles } from '../../validation/workspaceWalk';
import type { CalicoSettings } from '../../settings';
import type { LabelledObject } from '../implicitLabels';
import { LabelStore, LabelStoreBuilder } from '../labelStore';
import { GlobFilter } from './glob';
import { objectsFromYaml } from './manifestObjects';

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_FILES = 5000;

export interface WorkspaceSourceOptions {
  getSettings(): CalicoSettings;
  onChange(): void;
  log(message: string): void;
  debounceMs?: number;
}

/** A file URI's path, or the URI itself for editors' untitled documents. */
export function uriKey(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}

export class WorkspaceSource {
  private folders: string[] = [];
  private readonly onDisk = new Map<string, LabelledObject[]>();
  private readonly open = new Map<string, LabelledObject[]>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private cached: LabelStore | undefined;
  private generation = 0;
  private scanning: Promise<void> | undefined;
  private readonly reading = new Set<Promise<void>>();
  private disposed = false;

  constructor(private readonly options: WorkspaceSourceOptions) {}

  get index(): LabelStore {
    if (!this.cached) {
      const builder = new LabelStoreBuilder('workspace', 'workspace');
      for (const [key, objects] of this.onDisk) if (!this.open.has(key)) for (const o of objects) builder.add(o);
      for (const objects of this.open.values()) for (const o of objects) builder.add(o);
      this.cached = builder.build();
    }
    return this.cached;
  }

  /** Files that contributed at least one object. */
  fileCount(): number {
    let n = 0;
    for (const [key, objects] of this.onDisk) if (!this.open.has(key) && objects.length) n++;
    for (const objects of this.open.values()) if (objects.length) n++;
    return n;
  }

  /** Resolves when the current folder scan has finished (for tests and benchmarks). */
  whenScanned(): Promise<void> {
    return this.scanning ?? Promise.resolve();
  }

  /** Resolves once the scan, debounced editor updates and file re-reads have all landed (for tests). */
  async whenIdle(): Promise<void> {
    await this.whenScanned();
    while (this.pending.size > 0 || this.reading.size > 0) {
      if (this.reading.size > 0) await Promise.allSettled([...this.reading]);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private track(read: Promise<void>): void {
    this.reading.add(read);
    const done = () => void this.reading.delete(read);
    read.then(done, done);
  }

  setFolders(folderPaths: string[]): void {
    this.folders = folderPaths.map((f) => (f.startsWith('file:') ? uriKey(f) : f));
    this.onDisk.clear();
    this.changed();
    const generation = ++this.generation;
    this.scanning = this.scan(generation).catch((e) => this.options.log(`workspace scan failed: ${(e as Error).message}`));
  }

  /** Re-scan with new include/exclude settings. */
  settingsChanged(): void {
    this.setFolders(this.folders);
  }

  updateOpenDocument(uri: string, text: string): void {
    const key = uriKey(uri);
    clearTimeout(this.pending.get(key));
    // Parsing on every keystroke would waste CPU; the index may trail typing by a moment.
    const timer = setTimeout(() => {
      this.pending.delete(key);
      if (this.disposed) return;
      this.open.set(key, text.length > MAX_FILE_BYTES ? [] : objectsFromYaml(text));
      this.changed();
    }, this.options.debounceMs ?? 300);
    timer.unref?.();
    this.pending.set(key, timer);
  }

  closeOpenDocument(uri: string): void {
    const key = uriKey(uri);
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    if (this.open.delete(key)) this.changed();
    // Closing without saving: what is on disk counts again.
    if (this.isInWorkspace(key)) this.track(this.readFile(key, this.generation));
  }

  fileChanged(uri: string): void {
    const key = uriKey(uri);
    if (this.isInWorkspace(key)) this.track(this.readFile(key, this.generation));
  }

  fileDeleted(uri: string): void {
    const key = uriKey(uri);
    // A deleted folder arrives as one event: drop everything below it.
    let removed = false;
    for (const path of [...this.onDisk.keys()]) {
      if (path === key || path.startsWith(key + sep)) removed = this.onDisk.delete(path) || removed;
    }
    if (removed) this.changed();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }

  private filterFor(): GlobFilter {
    const { include, exclude } = this.options.getSettings().workspaceLabels;
    return new GlobFilter(include, exclude);
  }

  private relativeToFolder(path: string): string | undefined {
    for (const folder of this.folders) {
      const rel = relative(folder, path);
      if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel)) return rel.split(sep).join('/');
    }
    return undefined;
  }

  private isInWorkspace(path: string): boolean {
    const rel = this.relativeToFolder(path);
    if (rel === undefined) return false;
    if (rel.split('/').some((part) => ALWAYS_SKIPPED_DIRS.has(part))) return false;
    return this.filterFor().matches(rel);
  }

  private changed(): void {
    this.cached = undefined;
    if (!this.disposed) this.options.onChange();
  }

  private async readFile(path: string, generation: number): Promise<void> {
    let objects: LabelledObject[] = [];
    try {
      const stat = await fs.stat(path);
      if (stat.isFile() && stat.size <= MAX_FILE_BYTES) objects = objectsFromYaml(await fs.readFile(path, 'utf8'));
    } catch {
      // Vanished or unreadable: it contributes nothing.
    }
    if (generation !== this.generation || this.disposed) return;
    const before = this.onDisk.get(path);
    if (objects.length === 0 && !before) return;
    if (objects.length === 0) this.onDisk.delete(path);
    else this.onDisk.set(path, objects);
    this.changed();
  }

  private async scan(generation: number): Promise<void> {
    const filter = this.filterFor();
    let files = 0;
    let skippedLarge = 0;
    let changedSinceNotify = 0;
    const found = walkWorkspaceFiles(this.folders, {
      includeFile: (rel) => filter.matches(rel),
      skipDirectory: (rel) => filter.excludesDirectory(rel),
      cancelled: () => generation !== this.generation,
    });
    for await (const { path } of found) {
      if (++files > MAX_FILES) break;
      try {
        const stat = await fs.stat(path);
        if (stat.size > MAX_FILE_BYTES) {
          skippedLarge++;
          continue;
        }
        const objects = objectsFromYaml(await fs.readFile(path, 'utf8'));
        if (generation !== this.generation) return;
        if (objects.length > 0) {
          this.onDisk.set(path, objects);
          changedSinceNotify++;
        }
      } catch {
        continue;
      }
      // Let requests interleave with a long scan and publish progress in batches.
      if (changedSinceNotify >= 50) {
        changedSinceNotify = 0;
        this.changed();
        await new Promise((r) => setImmediate(r));
      }
    }
    if (generation !== this.generation) return;
    if (files > MAX_FILES) this.options.log(`workspace labels: stopped after ${MAX_FILES} files (narrow calico.workspaceLabels.include)`);
    if (skippedLarge > 0) this.options.log(`workspace labels: skipped ${skippedLarge} files larger than ${MAX_FILE_BYTES >> 10} KiB`);
    this.changed();
  }
}
