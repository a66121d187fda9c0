// Code lenses above policies and rules (when `calico.codeLens.enabled`): positions cached per document, for
// the whole file or, on a big file whose visible lines the client reports, around them; titles only when the
// editor resolves a lens, which it does for the visible ones.
import { CodeLensRefreshRequest, type CodeLens } from 'vscode-languageserver/node';
import { VisibleRangesNotification, type VisibleRangesParams } from '../../../../protocol';
import { hasPolicyDocuments } from '../../document';
import { lensDocumentRef, lensTiersKey, resolveCodeLens, unresolvedLenses } from '../../features/codeLens';
import { declaredTiers } from '../../model/tierCatalog';
import { ContentModifiedError, safeNotification } from '../safeHandler';
import { SlicedWork } from '../slicedWork';
import { inWindow, LensWindows } from '../lensWindow';
import { joinStableParts } from '../stableReplies';
import { trafficLenses } from '../../features/trafficLens';
import { perDocumentLenses } from '../../features/perDocumentLenses';
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
  const windows = new LensWindows();
  ctx.connection.onNotification(
    VisibleRangesNotification,
    safeNotification('visible ranges', ctx.log, (params: VisibleRangesParams) => {
      const scrolledAway = windows.show(params.uri, params.ranges);
      if (scrolledAway && ctx.clientCapabilities.workspace?.codeLens?.refreshSupport === true) void ctx.connection.sendRequest(CodeLensRefreshRequest.type);
    }),
  );
  ctx.documents.documents.onDidClose((event) => {
    windows.forget(event.document.uri);
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
      // Workload manifests get the "selected by N policies" lens; "Check traffic…" lenses are kept per document.
      const lines = model.file.lines;
      const window = windows.windowFor(model.uri, lines.lineCount);
      const shown = window ? model.file.documents.filter((doc) => inWindow(window, lines.positionAt(doc.start).line, lines.positionAt(doc.end).line)) : model.file.documents;
      const traffic = shown.map((doc) => perDocumentLenses(model.file, doc, `traffic ${model.uri}`, (single) => trafficLenses(single, model.uri)));
      // "Check traffic…" goes last: each document's own summary lens stays the first on its line.
      const effective = effectivePolicyLenses(ctx, model);
      if (!hasPolicyDocuments(model.file)) return joinStableParts(traffic, effective);
      const tiers = declaredTiers(model.file);
      const lensContext = { ref: refOf(model.uri), labelsLoaded: ctx.labels?.isLoaded() === true, tiers, key: lensTiersKey(tiers) };
      const work = new SlicedWork(ctx.documents, model.uri, model.version, token);
      const parts: CodeLens[][] = [];
      for (const doc of shown) {
        await work.checkpoint();
        parts.push(unresolvedLenses(model.file, doc, lensContext));
      }
      return joinStableParts([...parts, ...traffic], effective);
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
