// Starts the language server: reads what the client can do, builds the shared context and lets each
// feature module (handlers/) register itself.
import { setFlagsFromString } from 'node:v8';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import type { CalicoInitializationOptions } from '../../../protocol';
import { readClientFeatures } from './capabilities';
import { ServerContext } from './context';
import { handlerModules } from './handlers';
import { folderPaths } from './handlers/labels';
import { SettingsCache } from './settingsCache';

/**
 * Each keystroke on a big file leaves megabytes of short-lived text and JSON; V8 would let the heap grow to
 * several times the live data before collecting. A smaller growing factor keeps peak memory near the live set.
 */
const HEAP_GROWING_PERCENT = 50;

export function startLanguageServer(connection: Connection): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const ctx = new ServerContext(connection);
  for (const module of handlerModules) module.register(ctx);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    ctx.clientCapabilities = params.capabilities;
    ctx.client = readClientFeatures(params.capabilities);
    const options = (params.initializationOptions ?? {}) as CalicoInitializationOptions;
    ctx.trusted = typeof options.trusted === 'boolean' ? options.trusted : true;
    ctx.settings = new SettingsCache(
      ctx.client.configuration
        ? { fetch: (scopeUri) => connection.workspace.getConfiguration(scopeUri ? { scopeUri, section: 'calico' } : { section: 'calico' }) }
        : undefined,
      ctx.log,
    );
    ctx.workspaceFolders = folderPaths(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return { capabilities: ctx.capabilities(), serverInfo: { name: 'calico-policy' } };
  });
  connection.onInitialized(() => ctx.runInitialized());
  connection.onShutdown(() => ctx.runShutdown());

  ctx.documents.documents.listen(connection);
  connection.listen();
}
