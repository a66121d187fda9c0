// Code lenses above policies and rules (when `calico.codeLens.enabled`): positions for the whole file,
// cached per document; titles only when the editor resolves a lens, which it does for the visible ones.
import type { CodeLens } from 'vscode-languageserver/node';
import { hasPolicyDocuments } from '../../document';
import { lensDocumentRef, lensTiersKey, resolveCodeLens, unresolvedLenses } from '../../features/codeLens';
import { declaredTiers } from '../../model/tierCatalog';
import { ContentModifiedError } from '../safeHandler';
import { SlicedWork } from '../slicedWork';
import { trafficLenses } from '../../features/trafficLens';
import type { ServerContext } from '../context';
import { effectivePolicyLenses } from './clusterPolicies';

export function register(ctx: ServerContext): void {
  ctx.advertise(() => ({ codeLensProvider: { resolveProvider: true } }));
  // Lenses name their document by a small number, not its URI: every lens of the file is sent on each request.
  const refs = new Map<string, number>();
  const uris = new Map<number, string>();
  let nextRef = 0;
  const refOf = (uri: string) => {
    let ref = refs.get(uri);
    if (ref === undefined) {
      refs.set(uri, (ref = nextRef++));
      uris.set(ref, uri);
    }
    return ref;
  };
  ctx.documents.documents.onDidClose((event) => {
    const ref = refs.get(event.document.uri);
    if (ref !== undefined) uris.delete(ref);
    refs.delete(event.document.uri);
  });
  ctx.connection.onCodeLens(
    ctx.request('code lens', [] as CodeLens[], async (params, token) => {
      const s = await ctx.settings.get(params.textDocument.uri);
      if (!s.codeLens.enabled) return [];
      // The model is taken after the await: a model must not be held across one (the next version re-uses its parts).
      const model = ctx.model(params.textDocument.uri);
      if (!model) return [];
      // Workload manifests get the "selected by N policies" lens.
      const effective = effectivePolicyLenses(ctx, model);
      // "Check traffic…" goes last: each document's own summary lens stays the first on its line.
      const traffic = trafficLenses(model.file, model.uri);
      if (!hasPolicyDocuments(model.file)) return [...effective, ...traffic];
      const tiers = declaredTiers(model.file);
      const lensContext = { ref: refOf(model.uri), labelsLoaded: ctx.labels?.isLoaded() === true, tiers, key: lensTiersKey(tiers) };
      const work = new SlicedWork(ctx.documents, model.uri, model.version, token);
      const out: CodeLens[] = [];
      for (const doc of model.file.documents) {
        await work.checkpoint();
        for (const lens of unresolvedLenses(model.file, doc, lensContext)) out.push(lens);
      }
      return [...effective, ...out, ...traffic];
    }),
  );
  ctx.connection.onCodeLensResolve(
    ctx.request('code lens resolve', null as unknown as CodeLens, (lens) => {
      const ref = lensDocumentRef(lens);
      const uri = ref === undefined ? undefined : uris.get(ref);
      const model = uri ? ctx.model(uri) : undefined;
      if (!model) throw new ContentModifiedError();
      const resolved = resolveCodeLens(model.file, lens, model.uri, ctx.labels);
      // The lens's policy moved or changed since the lenses were sent; the editor asks for fresh ones.
      if (!resolved) throw new ContentModifiedError();
      return resolved;
    }, { replyWithError: true, notify: true }),
  );
}
