// Wires the labels' custom requests and file events onto an LSP connection.
import { DidChangeWatchedFilesNotification, FileChangeType, WatchKind, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import { ListContextsRequest, RefreshClusterRequest, WorkspaceTrustNotification, type ListContextsResult, type WorkspaceTrustParams } from '../../../protocol';
import type { LabelService } from './labelService';

/**
 * Call from `onInitialized` (the file watchers are registered with the client then). Pass the client's
 * capabilities to register watchers only with clients that declare dynamic registration for them.
 */
export function registerLabelHandlers(connection: Connection, service: LabelService, clientCapabilities?: ClientCapabilities): void {
  connection.onRequest(RefreshClusterRequest, async () => {
    await service.refreshCluster();
    return service.status();
  });
  connection.onRequest(ListContextsRequest, (): ListContextsResult => service.listContexts());
  connection.onNotification(WorkspaceTrustNotification, (params: WorkspaceTrustParams) => {
    if (params && typeof params.trusted === 'boolean') service.setTrusted(params.trusted);
  });
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes ?? []) {
      if (change.type === FileChangeType.Deleted) service.fileDeleted(change.uri);
      else service.fileChanged(change.uri);
    }
  });
  // YAML edits made outside the editor, and deleted folders (reported as one event for the folder).
  // Clients without dynamic registration refuse; they may still send events they watch themselves.
  if (clientCapabilities && !clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
  connection.client
    .register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
    })
    .catch(() => undefined);
}
