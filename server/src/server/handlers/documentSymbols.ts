// Outline and breadcrumbs for policy files.
import type { DocumentSymbol } from 'vscode-languageserver/node';
import { hasPolicyDocuments } from '../../document';
import { documentSymbols } from '../../features/documentSymbols';
import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.advertise(() => ({ documentSymbolProvider: { label: 'Calico' } }));
  ctx.connection.onDocumentSymbol(
    ctx.request('document symbols', [] as DocumentSymbol[], (params) => {
      const model = ctx.model(params.textDocument.uri);
      return model && hasPolicyDocuments(model.file) ? documentSymbols(model.file) : [];
    }),
  );
}
