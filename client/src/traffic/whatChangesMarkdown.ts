// The `calico/diffTraffic` answer as Markdown: flows that become denied, then allowed, each with rule before → after.
import type { DiffTrafficResult, FlowChange } from '../../../protocol';

function flowName(c: FlowChange): string {
  return `${c.from} → ${c.to} ${c.protocol}${c.port !== undefined ? `/${c.port}` : ''}`;
}

/** Markdown-inert text: our names and sentences must not turn into links or emphasis. */
function plain(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`);
}

function changeLines(c: FlowChange): string[] {
  const lines = [
    `- **${plain(flowName(c))}**`,
    `  - before: ${c.before.verdict} by ${plain(c.before.decision)}`,
    `  - after: ${c.after.verdict} by ${plain(c.after.decision)}`,
  ];
  const why = c.after.uncertain ?? c.before.uncertain;
  if (why) lines.push(`  - uncertain: ${plain(why)}`);
  return lines;
}

export function whatChangesMarkdown(fileName: string, result: DiffTrafficResult): string {
  const lines = [`# What changes if I apply ${plain(fileName)}`, ''];
  const ports = result.checked.ports.map((p) => `${p.protocol}${p.port !== undefined ? `/${p.port}` : ''}${p.otherPorts ? ' (any port no policy names)' : ''}`);
  lines.push(`${result.checked.flows} flows checked between ${result.checked.endpoints} workloads on ${plain(ports.join(', ') || 'no ports')}.`, '');
  if (result.warnings.length) {
    lines.push('## Warnings', '', ...result.warnings.map((w) => `- ⚠ ${plain(w)}`), '');
  }
  if (result.changes.length === 0) lines.push('No flow changes verdict.', '');
  for (const [heading, kind] of [['Become denied', 'becomes-denied'], ['Become allowed', 'becomes-allowed']] as const) {
    const list = result.changes.filter((c) => c.change === kind);
    if (list.length) lines.push(`## ${heading} (${list.length})`, '', ...list.flatMap(changeLines), '');
  }
  if (result.uncertainFlows) lines.push(`${result.uncertainFlows} unchanged flows depend on data that could not be read (uncertain).`, '');
  return lines.join('\n');
}
