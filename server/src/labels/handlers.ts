// Wires the labels' custom requests and file events onto an LSP connection.
import { FileChangeType, WatchKind, type Connection, type FileSystemWatcher } from 'vscode-languageserver';
import { ListContextsRequest, RefreshClusterRequest, WorkspaceTrustNotification, type ListContextsResult, type WorkspaceTrustParams } from '../../../protocol';
import type { LabelService } from './labelService';

/**
 * Files whose changes on disk the label sources need to hear about: YAML edits made outside the editor, and
 * deleted folders (reported as one event for the folder). The server registers them once, with its other watchers.
 */
export const labelFileWatchers: FileSystemWatcher[] = [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*', kind: WatchKind.Delete }];

/** Call from `onInitialized`; the file events arrive here whoever registered the watchers. */
export function registerLabelHandlers(connection: Connection, service: LabelService): void {
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
}
