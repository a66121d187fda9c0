// The `calico/explainPolicy` request behind the Explain Policy command; a failure answers with an error the command shows.
import { ExplainPolicyRequest, type ExplainPolicyParams, type ExplainPolicyResult } from '../../../../protocol';
import { explainPolicy } from '../../features/explain';
import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(
    ExplainPolicyRequest,
    ctx.request(
      'explain policy',
      { markdown: '', title: '' } as ExplainPolicyResult,
      (params: ExplainPolicyParams) => {
        const model = ctx.model(params?.uri);
        if (!model) return { markdown: '', title: '' };
        const offset = params.position ? model.file.lines.offsetAt(params.position) : undefined;
        return explainPolicy(model.file, offset);
      },
      { replyWithError: true },
    ),
  );
}
