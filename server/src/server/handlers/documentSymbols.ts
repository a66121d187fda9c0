// Outline and breadcrumbs for policy files: cached per document, computed with yields on a first request; a
// file with very many rules lists its policies and their Ingress/Egress groups only (`calico.outline.maxRules`).
import type { DocumentSymbol } from 'vscode-languageserver/node';
import { hasPolicyDocuments } from '../../document';
import { documentSymbolsOf, outlineParts, symbolsKey } from '../../features/documentSymbols';
import { declaredTiers } from '../../model/tierCatalog';
import { ContentModifiedError } from '../safeHandler';
import { SlicedWork } from '../slicedWork';
import { joinStableParts } from '../stableReplies';
import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.advertise(() => ({ documentSymbolProvider: { label: 'Calico' } }));
  ctx.connection.onDocumentSymbol(
    ctx.request('document symbols', [] as DocumentSymbol[], async (params, token) => {
      const asked = ctx.documents.get(params.textDocument.uri)?.version;
      const { outline } = await ctx.settings.get(params.textDocument.uri);
      // An edit that came in meanwhile makes this request stale: the editor asks again for the new text.
      if (ctx.documents.get(params.textDocument.uri)?.version !== asked) throw new ContentModifiedError();
      // The model is taken after the await: a model must not be held across one (the next version re-uses its parts).
      const model = ctx.model(params.textDocument.uri);
      if (!model || !hasPolicyDocuments(model.file)) return [];
      const tiers = declaredTiers(model.file);
      const key = symbolsKey(tiers);
      const work = new SlicedWork(ctx.documents, model.uri, model.version, token);
      const parts: DocumentSymbol[][] = [];
      for (const doc of model.file.documents) {
        await work.checkpoint();
        parts.push(documentSymbolsOf(model.file, doc, tiers, key));
      }
      return joinStableParts(outlineParts(parts, outline.maxRules));
    }),
  );
}
