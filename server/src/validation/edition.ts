// Calico Enterprise/Cloud fields and kinds: accepted with a note under `auto`, rejected under `oss`.
import type { Node } from 'yaml';
import { kindInfo } from '../schema';
import type { CheckContext } from './context';
import { keyNode } from './context';

const PRODUCTS = 'Calico Enterprise and Calico Cloud';

/** Reports an Enterprise-only field or kind according to the configured edition. */
export function reportEnterpriseOnly(ctx: CheckContext, what: string, at: Node | undefined): void {
  const edition = ctx.options.edition ?? 'auto';
  if (edition === 'enterprise') return;
  if (edition === 'oss') {
    ctx.error('EDITION-OSS', `${what} is only in ${PRODUCTS}; Calico Open Source rejects it (\`calico.edition\` is \`oss\`).`, at);
  } else {
    ctx.report('EDITION-ENTERPRISE', 'information', `${what} needs Calico Enterprise or Calico Cloud; Calico Open Source rejects it. Set \`calico.edition\` to \`enterprise\` or \`oss\` to say which you use.`, at);
  }
}

/** For a kind only Enterprise/Cloud has (not checked field by field): the edition note; true when done. */
export function checkEditionKind(ctx: CheckContext): boolean {
  const info = kindInfo(ctx.resource.kind);
  if (!info || info.checked) return false;
  if (info.edition === 'enterprise') reportEnterpriseOnly(ctx, `\`${info.kind}\``, (ctx.root.get('kind', true) as Node | undefined) ?? keyNode(ctx.root, 'kind'));
  return true;
}
