// The matrix as HTML text (one innerHTML assignment is the fastest way to draw tens of thousands of cells):
// a grid with namespace groups that collapse, row and column headers, and one labelled, focusable cell per flow.
import { escapeHtml } from '../traffic/escape';
import { EXTERNAL_GROUP, STATE_WORDS, type AxisGroup, type CellState, type MatrixView } from './viewModel';

/** Not colour alone: each state also has its own mark, for colour-blind readers and high-contrast themes. */
export const STATE_MARKS: Record<CellState, string> = {
  allowed: '✓',
  denied: '✕',
  uncertain: '?',
  'changed-by-staged': '◐',
  mixed: '≈',
};

function groupTitle(g: AxisGroup): string {
  return g.name === EXTERNAL_GROUP ? 'outside the cluster' : `namespace ${g.name}`;
}

function toggle(g: AxisGroup): string {
  const mark = g.collapsed ? '▸' : '▾';
  const verb = g.collapsed ? 'Expand' : 'Collapse';
  return `<button class="toggle" data-group="${escapeHtml(g.name)}" aria-expanded="${!g.collapsed}" title="${verb} ${escapeHtml(groupTitle(g))}">${mark} ${escapeHtml(g.name)}</button>`;
}

export function matrixHtml(view: MatrixView): string {
  const out: string[] = [];
  const columnCount = view.columns.length + 1;
  out.push(`<table class="matrix" role="grid" aria-label="Reachability for ${escapeHtml(view.portLabel)}: rows are sources, columns are destinations" aria-rowcount="${view.rows.length + 2}" aria-colcount="${columnCount}">`);
  out.push('<thead><tr role="row"><th class="corner" rowspan="2" role="columnheader">from ＼ to</th>');
  for (const g of view.columnGroups) {
    const span = g.collapsed ? 1 : g.members.length;
    out.push(`<th class="cgroup" colspan="${span}" scope="colgroup" role="columnheader">${toggle(g)}</th>`);
  }
  out.push('</tr><tr role="row">');
  for (const c of view.columns) out.push(`<th class="col${c.summary ? ' summary' : ''}" role="columnheader" title="${escapeHtml(c.key)}"><span>${escapeHtml(c.label)}</span></th>`);
  out.push('</tr></thead><tbody>');
  let rowIndex = 0;
  for (const g of view.rowGroups) {
    out.push(`<tr class="rgroup" role="row"><th colspan="${columnCount}" role="rowheader" scope="rowgroup">${toggle(g)}</th></tr>`);
    const count = g.collapsed ? 1 : g.members.length;
    for (let k = 0; k < count; k++, rowIndex++) {
      const row = view.rows[rowIndex];
      const line = view.cells[rowIndex];
      out.push(`<tr role="row"><th class="row${row.summary ? ' summary' : ''}" role="rowheader" title="${escapeHtml(row.key)}">${escapeHtml(row.label)}</th>`);
      for (let c = 0; c < line.length; c++) {
        const cell = line[c];
        out.push(`<td role="gridcell" class="c s-${cell.state}" data-vr="${rowIndex}" data-vc="${c}" tabindex="-1" aria-label="${escapeHtml(cell.ariaLabel)}">${STATE_MARKS[cell.state]}</td>`);
      }
      out.push('</tr>');
    }
  }
  out.push('</tbody></table>');
  return out.join('');
}

export function legendHtml(view: MatrixView): string {
  const states: CellState[] = ['allowed', 'denied', 'uncertain', 'changed-by-staged', 'mixed'];
  const counts = view.counts as Record<string, number>;
  return `<ul class="legend" aria-label="Legend">${states
    .map((s) => `<li><span class="swatch s-${s}" aria-hidden="true">${STATE_MARKS[s]}</span> ${STATE_WORDS[s]}${s in counts ? ` <span class="count">(${counts[s]})</span>` : ' (collapsed group with more than one state)'}</li>`)
    .join('')}</ul>`;
}
