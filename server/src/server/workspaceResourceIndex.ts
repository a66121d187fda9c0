// Which workspace file defines a given kind/namespace/name: open editors first, then YAML files on disk
// (re-read only when their modification time changes).
import { kindInfo } from '../schema';
import { promises as fs } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseFile, resourcesOf, type ParsedFile } from '../document';
import { walkWorkspaceFiles } from '../validation/workspaceWalk';
import { resourceKey, v3PolicyName } from '../cluster';
import { asMap, asText, plainValue } from '../model';

const MAX_FILES = 5000;
const MAX_BYTES = 1024 * 1024;

/** Resource keys (see resourceKey) of every Calico / Kubernetes policy resource in a parsed file. */
export function resourceKeysOf(file: ParsedFile): string[] {
  const keys: string[] = [];
  for (const doc of file.documents) {
    for (const { resource, node } of resourcesOf(doc)) {
      if (!resource.name) continue;
      const family = resource.family === 'kubernetes' ? 'kubernetes' : 'calico';
      const namespace = kindInfo(resource.kind)?.namespaced ? (resource.namespace ?? 'default') : undefined;
      let name = resource.name;
      if (resource.family === 'calico-crd') name = v3PolicyName(name, asText(asMap(asMap(plainValue(doc, node))?.spec)?.tier) ?? 'default');
      keys.push(resourceKey(family, resource.kind, namespace, name));
    }
  }
  return keys;
}

export class WorkspaceResourceIndex {
  private readonly files = new Map<string, { mtimeMs: number; keys: string[] }>();

  constructor(private readonly folders: () => string[], private readonly openFiles: () => { uri: string; file: ParsedFile }[]) {}

  /** key → file URI, open editors winning over disk. */
  async byKey(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const seen = new Set<string>();
    let count = 0;
    for await (const { path } of walkWorkspaceFiles(this.folders())) {
      if (++count > MAX_FILES) break;
      seen.add(path);
      const keys = await this.keysOnDisk(path);
      const uri = pathToFileURL(path).href;
      for (const k of keys) if (!out.has(k)) out.set(k, uri);
    }
    for (const p of [...this.files.keys()]) if (!seen.has(p)) this.files.delete(p);
    for (const { uri, file } of this.openFiles()) for (const k of resourceKeysOf(file)) out.set(k, uri);
    return out;
  }

  private async keysOnDisk(path: string): Promise<string[]> {
    try {
      const stat = await fs.stat(path);
      const hit = this.files.get(path);
      if (hit && hit.mtimeMs === stat.mtimeMs) return hit.keys;
      const keys = stat.size > MAX_BYTES ? [] : resourceKeysOf(parseFile(await fs.readFile(path, 'utf8')));
      this.files.set(path, { mtimeMs: stat.mtimeMs, keys });
      return keys;
    } catch {
      return [];
    }
  }
}
