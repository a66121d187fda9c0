// Code lenses above policies and rules (when `calico.codeLens.enabled`).
import type { CodeLens } from 'vscode-languageserver/node';
import { hasPolicyDocuments } from '../../document';
import { codeLenses } from '../../features/codeLens';
import { trafficLenses } from '../../features/trafficLens';
import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.advertise(() => ({ codeLensProvider: { resolveProvider: false } }));
  ctx.connection.onCodeLens(
    ctx.request('code lens', [] as CodeLens[], async (params) => {
      // Settings first: a model must not be held across an await (the next version re-uses its parts).
      const s = await ctx.settings.get(params.textDocument.uri);
      if (!s.codeLens.enabled) return [];
      const model = ctx.model(params.textDocument.uri);
      if (!model) return [];
      const traffic = trafficLenses(model.file, model.uri);
      return hasPolicyDocuments(model.file) ? [...codeLenses(model.file, { labels: ctx.labels, uri: model.uri }), ...traffic] : traffic;
    }),
  );
}
