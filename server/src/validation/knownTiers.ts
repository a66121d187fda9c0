// The tiers that exist, for POL-TIER-EXISTS: the built-in ones, Tier manifests in the workspace, the cluster's Tiers.
import { readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseFile, type ParsedFile } from '../document';
import { walkWorkspaceFiles } from './workspaceWalk';
import { declaredTiers as declaredTierDefaults } from '../model/tierCatalog';
import { builtinTiers } from '../schema/builtinTiers';

/** Names of the Tier resources a parsed file declares. */
export function declaredTiers(file: ParsedFile): string[] {
  return [...declaredTierDefaults(file).keys()];
}

/** Built-in tiers plus every Tier the files declare. */
export function workspaceTierNames(files: Iterable<ParsedFile>): Set<string> {
  const names = new Set(Object.keys(builtinTiers));
  for (const file of files) for (const name of declaredTiers(file)) names.add(name);
  return names;
}

/** A cheap test before parsing: only texts that mention a Tier kind can declare one. */
const MENTIONS_TIER = /\bkind:\s*["']?Tier\b/;

export function tiersInText(text: string): string[] {
  return MENTIONS_TIER.test(text) ? declaredTiers(parseFile(text)) : [];
}

/** Built-in tiers plus every Tier the texts declare (what `lint` knows from the files it checks). */
export function tierNamesInTexts(texts: Iterable<string>): Set<string> {
  const names = new Set(Object.keys(builtinTiers));
  for (const text of texts) for (const name of tiersInText(text)) names.add(name);
  return names;
}

/**
 * Tier names from several sources (a file URI each, or `cluster`), fed by the server. Until the workspace has been
 * read it answers undefined, which keeps POL-TIER-EXISTS quiet: a partial list would flag tiers that exist.
 */
export class KnownTiers {
  private readonly sources = new Map<string, readonly string[]>();
  private complete = false;
  private cached: ReadonlySet<string> | undefined;

  /** `onChange` runs when the set of names changes (to re-check open documents). */
  constructor(private readonly onChange: () => void = () => {}) {}

  /** Replaces the names one source contributes (an open or workspace file's Tiers, or the cluster's). */
  set(source: string, names: readonly string[]): void {
    const before = this.sources.get(source) ?? [];
    if (before.length === names.length && before.every((n, i) => n === names[i])) return;
    if (names.length === 0) this.sources.delete(source);
    else this.sources.set(source, [...names]);
    this.changed();
  }

  delete(source: string): void {
    if (this.sources.delete(source)) this.changed();
  }

  /** The workspace scan finished: from now on the names are the whole picture. */
  markComplete(): void {
    if (this.complete) return;
    this.complete = true;
    this.changed();
  }

  /** Built-in tiers plus every source's, or undefined while the workspace has not been read. */
  names(): ReadonlySet<string> | undefined {
    if (!this.complete) return undefined;
    if (!this.cached) {
      const all = new Set(Object.keys(builtinTiers));
      for (const names of this.sources.values()) for (const n of names) all.add(n);
      this.cached = all;
    }
    return this.cached;
  }

  private changed(): void {
    this.cached = undefined;
    this.onChange();
  }
}

const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Tiers declared in the *.yaml / *.yml files under `folders`, keyed by file URI. Unreadable files are skipped. */
export async function scanWorkspaceTiers(folders: readonly string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  let seen = 0;
  for await (const { path } of walkWorkspaceFiles(folders)) {
    if (++seen > MAX_FILES) break;
    try {
      if ((await stat(path)).size > MAX_FILE_BYTES) continue;
      const names = tiersInText(await readFile(path, 'utf8'));
      if (names.length) found.set(pathToFileURL(path).toString(), names);
    } catch {
      // unreadable or unparsable: it declares no tier we can see
    }
  }
  return found;
}
