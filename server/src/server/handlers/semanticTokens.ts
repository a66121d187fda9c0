// Semantic tokens for selector strings: full and range requests.
import type { SemanticTokens } from 'vscode-languageserver/node';
import { selectorSemanticTokens, semanticTokensLegend } from '../../features/semanticTokens';
import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.advertise(() => ({ semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: true } }));
  const { semanticTokens } = ctx.connection.languages;
  semanticTokens.on(
    ctx.request('semantic tokens', { data: [] } as SemanticTokens, (params) => {
      const model = ctx.model(params.textDocument.uri);
      return model ? selectorSemanticTokens(model.file) : { data: [] };
    }),
  );
  semanticTokens.onRange(
    ctx.request('semantic tokens (range)', { data: [] } as SemanticTokens, (params) => {
      const model = ctx.model(params.textDocument.uri);
      if (!model) return { data: [] };
      const lines = model.file.lines;
      return selectorSemanticTokens(model.file, lines.offsetAt(params.range.start), lines.offsetAt(params.range.end));
    }),
  );
}
