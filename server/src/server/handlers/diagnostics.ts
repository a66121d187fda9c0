// Document sync and diagnostics: debounced per document, published per version, cleared when a file stops being a policy file.
import { TextDocumentSyncKind } from 'vscode-languageserver/node';
import { hasPolicyDocuments } from '../../document';
import { toLspDiagnostic } from '../../features/lspDiagnostic';
import { warmExplanationsLater } from '../explainWarmup';
import { DiagnosticScheduler } from '../diagnosticScheduler';
import { declaredTiers as tierNamesDeclared } from '../../validation/knownTiers';
import type { ServerContext } from '../context';

/** Keystrokes closer together than this are coalesced into one validation (see DiagnosticScheduler). */
const DIAGNOSTICS_DELAY_MS = envNumber('CALICO_DIAGNOSTICS_DELAY_MS') ?? 15;

function envNumber(name: string): number | undefined {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function register(ctx: ServerContext): void {
  const { connection, documents, diagnostics } = ctx;
  ctx.advertise(() => ({ textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } }));

  const scheduler = new DiagnosticScheduler(
    DIAGNOSTICS_DELAY_MS,
    async (uri, run) => {
      const model = await documents.modelInSlices(uri, run.isStale);
      if (!model || run.isStale()) return;
      ctx.modelChanged(model);
      const { codeLens } = await ctx.settings.get(uri);
      ctx.knownTiers.set(uri, tierNamesDeclared(model.file));
      const options = await ctx.validationOptions(uri);
      if (run.isStale()) return;
      if (!hasPolicyDocuments(model.file)) {
        // Not a policy file: we publish nothing, only clear what we published before.
        if (diagnostics.forget(uri)) await connection.sendDiagnostics({ uri, version: model.version, diagnostics: [] });
        return;
      }
      const found = await diagnostics.compute(model.file, options, run.isStale);
      if (!found || run.isStale() || documents.get(uri)?.version !== model.version) return;
      const all = [...found, ...diagnostics.labelDiagnostics(model.file, ctx.labels, ctx.log)];
      diagnostics.remember(uri, model.version, all);
      const positionAt = (o: number) => model.document.positionAt(o);
      await connection.sendDiagnostics({ uri, version: model.version, diagnostics: all.map((d) => toLspDiagnostic(positionAt, d)) });
      // With the diagnostics out, prepare the lens titles while the editor is idle, so the first lens request is cheap.
      if (codeLens.enabled) warmExplanationsLater(model.file, run.isStale, ctx.log);
    },
    ctx.log,
  );
  ctx.setRevalidate(() => {
    for (const doc of documents.all()) scheduler.schedule(doc.uri);
  });

  documents.documents.onDidChangeContent((event) => scheduler.schedule(event.document.uri));
  documents.documents.onDidClose((event) => {
    const uri = event.document.uri;
    scheduler.cancel(uri);
    documents.forget(uri);
    ctx.settings.forget(uri);
    if (diagnostics.forget(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
  ctx.onShutdown(() => scheduler.dispose());
}
