// An LSP server over a private copy of examples/ with cluster access off, for the simulator's LSP suites.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lspClient';

export interface ExamplesWorkspace {
  client: LspTestClient;
  /** The copy's folder; tests may write files into it. */
  folder: string;
  close(): Promise<void>;
}

export async function openExamplesWorkspace(prefix: string): Promise<ExamplesWorkspace> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  cpSync(resolve(__dirname, '../../examples'), folder, { recursive: true });
  const client = await LspTestClient.start({
    settings: { cluster: { enabled: false } },
    env: { KUBECONFIG: '/nonexistent' },
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'examples' }],
  });
  return {
    client,
    folder,
    close: async () => {
      await client.shutdown();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
