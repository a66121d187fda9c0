// Semantic tokens for selector strings: full, delta against the previous answer, and range.
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver/node';
import type { ParsedDocument } from '../../document';
import { documentTokens, encodeChunks, overlaps, placeChunks, semanticTokensLegend, type PlacedChunk, type TokenChunk } from '../../features/semanticTokens';
import { tokenEdits } from '../../features/semanticTokensDelta';
import type { DocumentModel } from '../documentStore';
import { SlicedWork } from '../slicedWork';
import type { CancellationToken } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.advertise(() => ({ semanticTokensProvider: { legend: semanticTokensLegend, full: { delta: true }, range: true } }));
  /** The last full answer per document, the base of the next delta. */
  const last = new Map<string, { resultId: string; placed: PlacedChunk[] }>();
  let ids = 0;
  ctx.documents.documents.onDidClose((event) => last.delete(event.document.uri));

  /** Every document's chunk, computed with yields (a first request on a big file); cached chunks cost nothing. */
  async function chunksOf(model: DocumentModel, token: CancellationToken, docs: readonly ParsedDocument[]): Promise<Map<ParsedDocument, TokenChunk>> {
    const work = new SlicedWork(ctx.documents, model.uri, model.version, token);
    const out = new Map<ParsedDocument, TokenChunk>();
    for (const doc of docs) {
      await work.checkpoint();
      out.set(doc, documentTokens(model.file, doc));
    }
    return out;
  }

  async function place(model: DocumentModel, token: CancellationToken): Promise<PlacedChunk[]> {
    const chunks = await chunksOf(model, token, model.file.documents);
    return placeChunks(model.file, model.file.documents, (d) => chunks.get(d)!);
  }

  function remember(uri: string, placed: PlacedChunk[]): string {
    const resultId = String(++ids);
    last.set(uri, { resultId, placed });
    return resultId;
  }

  const { semanticTokens } = ctx.connection.languages;
  semanticTokens.on(
    ctx.request('semantic tokens', { data: [] } as SemanticTokens, async (params, token) => {
      const model = ctx.model(params.textDocument.uri);
      if (!model) return { data: [] };
      const placed = await place(model, token);
      return { resultId: remember(model.uri, placed), data: encodeChunks(placed) };
    }),
  );
  semanticTokens.onDelta(
    ctx.request('semantic tokens (delta)', { data: [] } as SemanticTokens | SemanticTokensDelta, async (params, token) => {
      const model = ctx.model(params.textDocument.uri);
      if (!model) return { data: [] };
      const previous = last.get(model.uri);
      const placed = await place(model, token);
      const resultId = remember(model.uri, placed);
      // An unknown base (the server restarted, or another answer came in between): send everything.
      if (!previous || previous.resultId !== params.previousResultId) return { resultId, data: encodeChunks(placed) };
      return { resultId, edits: tokenEdits(previous.placed, placed) };
    }),
  );
  semanticTokens.onRange(
    ctx.request('semantic tokens (range)', { data: [] } as SemanticTokens, async (params, token) => {
      const model = ctx.model(params.textDocument.uri);
      if (!model) return { data: [] };
      const lines = model.file.lines;
      const from = lines.offsetAt(params.range.start);
      const to = lines.offsetAt(params.range.end);
      const docs = model.file.documents.filter((d) => overlaps(d, from, to));
      const chunks = await chunksOf(model, token, docs);
      return { data: encodeChunks(placeChunks(model.file, docs, (d) => chunks.get(d)!)) };
    }),
  );
}
