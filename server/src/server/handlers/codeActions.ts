// Quick fixes from the fixes the validators attached to the document's diagnostics.
import type { CodeAction } from 'vscode-languageserver/node';
import { hasPolicyDocuments } from '../../document';
import { codeActions } from '../../features/codeActions';
import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.advertise(() => ({ codeActionProvider: { codeActionKinds: ['quickfix'] } }));
  ctx.connection.onCodeAction(
    ctx.request('code actions', [] as CodeAction[], async (params) => {
      const options = await ctx.validationOptions(params.textDocument.uri);
      const model = ctx.model(params.textDocument.uri);
      if (!model || !hasPolicyDocuments(model.file)) return [];
      const diagnostics = ctx.diagnostics.forVersion(model.uri, model.version, model.file, options, ctx.labels, ctx.log);
      return codeActions(model.file, model.uri, params.range, diagnostics);
    }),
  );
}
