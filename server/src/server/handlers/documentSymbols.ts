// Outline and breadcrumbs for policy files: cached per document, computed with yields on a first request.
import type { DocumentSymbol } from 'vscode-languageserver/node';
import { hasPolicyDocuments } from '../../document';
import { documentSymbolsOf, symbolsKey } from '../../features/documentSymbols';
import { declaredTiers } from '../../model/tierCatalog';
import { SlicedWork } from '../slicedWork';
import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.advertise(() => ({ documentSymbolProvider: { label: 'Calico' } }));
  ctx.connection.onDocumentSymbol(
    ctx.request('document symbols', [] as DocumentSymbol[], async (params, token) => {
      const model = ctx.model(params.textDocument.uri);
      if (!model || !hasPolicyDocuments(model.file)) return [];
      const tiers = declaredTiers(model.file);
      const key = symbolsKey(tiers);
      const work = new SlicedWork(ctx.documents, model.uri, model.version, token);
      const out: DocumentSymbol[] = [];
      for (const doc of model.file.documents) {
        await work.checkpoint();
        for (const symbol of documentSymbolsOf(model.file, doc, tiers, key)) out.push(symbol);
      }
      return out;
    }),
  );
}
