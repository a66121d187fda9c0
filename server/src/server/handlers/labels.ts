// Label sources (cluster and workspace manifests): the label service, its requests, the file watchers
// (registered once, only with clients that allow dynamic registration), workspace folders and open documents.
import { fileURLToPath } from 'node:url';
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import { LabelService, labelFileWatchers, registerLabelHandlers } from '../../labels';
import { StatusNotification, type StatusParams } from '../../../../protocol';
import { safeNotification } from '../safeHandler';
import type { DocumentModel } from '../documentStore';
import type { ServerContext } from '../context';
import { kindInfo } from '../../schema';

export function register(ctx: ServerContext): void {
  const { connection } = ctx;
  ctx.advertise((client) => (client.workspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}));

  /** Open documents that may describe labelled objects feed the workspace label index; pure policy files do not. */
  const fed = new Map<string, number>();
  const feed = (model: DocumentModel) => {
    const labels = ctx.labels;
    if (!labels || fed.get(model.uri) === model.version) return;
    // The kind test comes first: reading `d.yaml` makes a moved document shift all its node ranges.
    const contributes = model.file.documents.some((d) => !(d.resource && (d.resource.family === 'kubernetes' || !kindInfo(d.resource.kind)?.carriesLabels)) && d.yaml.contents !== null);
    if (contributes) {
      fed.set(model.uri, model.version);
      labels.updateOpenDocument(model.uri, model.file.text);
    } else if (fed.delete(model.uri)) labels.closeOpenDocument(model.uri);
  };
  ctx.onModelChanged(feed);
  ctx.documents.documents.onDidClose((event) => {
    if (fed.delete(event.document.uri)) ctx.labels?.closeOpenDocument(event.document.uri);
  });

  ctx.onInitialized(() => {
    if (ctx.client.dynamicFileWatching) {
      // The one registration of file watchers; clients without dynamic registration watch what they choose.
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: labelFileWatchers }).catch((error: unknown) => ctx.log(`file watcher registration failed: ${String(error)}`));
    }
    const labels = new LabelService({
      getSettings: () => ctx.settings.current(),
      trusted: ctx.trusted,
      onStatus: (status: StatusParams) => {
        void connection.sendNotification(StatusNotification, status);
        // New label data can add or clear "unknown label" warnings.
        ctx.revalidateAll();
      },
      log: ctx.info,
    });
    ctx.labels = labels;
    registerLabelHandlers(connection, labels);
    labels.setWorkspaceFolders(ctx.workspaceFolders);
    for (const doc of ctx.documents.all()) {
      const model = ctx.documents.model(doc.uri);
      if (model) feed(model);
    }
    if (ctx.client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        safeNotification('workspace folders', ctx.log, (event) => {
          const removed = new Set(folderPaths(event.removed.map((f) => f.uri)));
          ctx.workspaceFolders = [...ctx.workspaceFolders.filter((f) => !removed.has(f)), ...folderPaths(event.added.map((f) => f.uri))];
          ctx.labels?.setWorkspaceFolders(ctx.workspaceFolders);
        }),
      );
    }
  });
  ctx.onShutdown(() => ctx.labels?.dispose());
}

export function folderPaths(uris: string[]): string[] {
  const out: string[] = [];
  for (const uri of uris) {
    try {
      if (uri.startsWith('file:')) out.push(fileURLToPath(uri));
    } catch {
      // not a local folder
    }
  }
  return out;
}
