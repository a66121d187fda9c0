// Wires the labels' custom requests and file events onto an LSP connection.
import { FileChangeType, type Connection } from 'vscode-languageserver';
import { ListContextsRequest, RefreshClusterRequest, WorkspaceTrustNotification, type ListContextsResult, type WorkspaceTrustParams } from '../protocol';
import type { LabelService } from './labelService';

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
