// Completion: YAML keys and values, and selector expressions with labels from the label sources.
import type { CompletionItem } from 'vscode-languageserver/node';
import { completion } from '../../features/completion';
import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.advertise(() => ({ completionProvider: { triggerCharacters: [' ', '"', "'", '(', '{', ',', '=', '&', '|', '!'] } }));
  ctx.connection.onCompletion(
    ctx.request('completion', [] as CompletionItem[], (params) => {
      const at = ctx.modelAt(params.textDocument.uri, params.position);
      if (!at) return [];
      ctx.touchCluster(at.model.file, at.offset);
      return completion({ file: at.model.file, offset: at.offset, client: ctx.client, labels: ctx.labels, tierNames: () => ctx.tierNames(), edition: ctx.settings.current().edition });
    }),
  );
}
