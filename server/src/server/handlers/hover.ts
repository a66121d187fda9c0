// Hover: field docs, selector explanations and the policy paragraph.
import type { Hover } from 'vscode-languageserver/node';
import { hover } from '../../features/hover';
import type { ServerContext } from '../context';
import { effectivePolicyHover } from './clusterPolicies';

export function register(ctx: ServerContext): void {
  ctx.advertise(() => ({ hoverProvider: true }));
  ctx.connection.onHover(
    ctx.request('hover', null as Hover | null, (params) => {
      const at = ctx.modelAt(params.textDocument.uri, params.position);
      if (!at) return null;
      ctx.touchCluster(at.model.file, at.offset);
      return hover({ file: at.model.file, offset: at.offset, client: ctx.client, labels: ctx.labels }) ?? effectivePolicyHover(ctx, at.model, at.offset);
    }),
  );
}
