// The matrix as HTML text for the part on screen: a grid with namespace groups that collapse, row and column
// headers, and one labelled, focusable cell per flow.
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

/** Pixel sizes the window arithmetic and the stylesheet agree on. */
export const GEOMETRY = { rowHeight: 22, cellWidth: 24, bandHeight: 24, headerHeight: 110 };

/** Which lines (row groups' headers and rows) and columns are drawn: [first, last). */
export interface MatrixWindow {
  line0: number;
  line1: number;
  col0: number;
  col1: number;
}

export function rowHeaderWidth(view: MatrixView): number {
  let longest = 8;
  for (const r of view.rows) longest = Math.max(longest, r.label.length);
  for (const g of view.rowGroups) longest = Math.max(longest, g.name.length + 2);
  return Math.min(260, longest * 7 + 20);
}

/** The lines and columns a viewport at (scrollTop, scrollLeft) of this size shows, with `overscan` more each side. */
export function windowFor(view: MatrixView, scrollTop: number, scrollLeft: number, height: number, width: number, overscan = 8): MatrixWindow {
  const { rowHeight, cellWidth, bandHeight, headerHeight } = GEOMETRY;
  const top = Math.max(0, scrollTop - bandHeight - headerHeight);
  const left = Math.max(0, scrollLeft - rowHeaderWidth(view));
  return {
    line0: Math.max(0, Math.floor(top / rowHeight) - overscan),
    line1: Math.min(view.lines.length, Math.ceil((top + height) / rowHeight) + overscan),
    col0: Math.max(0, Math.floor(left / cellWidth) - overscan),
    col1: Math.min(view.columns.length, Math.ceil((left + width) / cellWidth) + overscan),
  };
}

/** Everything, for small matrices and tests. */
export function wholeWindow(view: MatrixView): MatrixWindow {
  return { line0: 0, line1: view.lines.length, col0: 0, col1: view.columns.length };
}

/**
 * The grid as HTML text for one window: only the lines and columns in it are drawn, the rest is kept as
 * empty space of the right size (HTML width/height attributes, which the locked-down CSP allows), so a
 * redraw costs the cells on screen, not all of them. ARIA row/column counts and indices describe the whole grid.
 */
export function matrixHtml(view: MatrixView, win: MatrixWindow = wholeWindow(view)): string {
  const { rowHeight, cellWidth } = GEOMETRY;
  const out: string[] = [];
  const header = rowHeaderWidth(view);
  const visible = win.col1 - win.col0;
  const padLeft = win.col0 * cellWidth;
  const padRight = (view.columns.length - win.col1) * cellWidth;
  const span = 1 + (padLeft ? 1 : 0) + visible + (padRight ? 1 : 0);
  const total = header + view.columns.length * cellWidth;
  const dataRows = view.lines.filter((l) => l.kind === 'row').length;
  out.push(`<table class="matrix" role="grid" width="${total}" aria-label="Reachability for ${escapeHtml(view.portLabel)}: rows are sources, columns are destinations" aria-rowcount="${dataRows + 2}" aria-colcount="${view.columns.length + 1}">`);
  out.push(`<colgroup><col width="${header}">${padLeft ? `<col width="${padLeft}">` : ''}${`<col width="${cellWidth}">`.repeat(visible)}${padRight ? `<col width="${padRight}">` : ''}</colgroup>`);
  const padCell = (tag: string, px: number) => (px ? `<${tag} class="pad" aria-hidden="true"></${tag}>` : '');
  // Header: namespace bands over the columns, then the column names.
  out.push('<thead><tr class="bands" role="row" aria-rowindex="1"><th class="corner" rowspan="2" role="columnheader">source ↓ · destination →</th>');
  out.push(padCell('th', padLeft));
  for (const { group, start, end } of view.columnSpans) {
    const from = Math.max(start, win.col0);
    const to = Math.min(end, win.col1);
    if (to > from) out.push(`<th class="cgroup" colspan="${to - from}" scope="colgroup" role="columnheader">${toggle(group)}</th>`);
  }
  out.push(padCell('th', padRight));
  out.push('</tr><tr class="cols" role="row" aria-rowindex="2">');
  out.push(padCell('th', padLeft));
  for (let vc = win.col0; vc < win.col1; vc++) {
    const c = view.columns[vc];
    out.push(`<th class="col${c.summary ? ' summary' : ''}" role="columnheader" aria-colindex="${vc + 2}" title="${escapeHtml(c.key)}"><span>${escapeHtml(c.label)}</span></th>`);
  }
  out.push(padCell('th', padRight));
  out.push('</tr></thead><tbody>');
  const spacer = (lines: number) => (lines > 0 ? `<tr class="pad" aria-hidden="true"><td colspan="${span}" height="${lines * rowHeight}"></td></tr>` : '');
  out.push(spacer(win.line0));
  for (let li = win.line0; li < win.line1; li++) {
    const line = view.lines[li];
    if (line.kind === 'group') {
      out.push(`<tr class="rgroup"><th colspan="${span}" scope="rowgroup">${toggle(line.group)}</th></tr>`);
      continue;
    }
    const vr = line.vr;
    const row = view.rows[vr];
    out.push(`<tr role="row" aria-rowindex="${vr + 3}"><th class="row${row.summary ? ' summary' : ''}" role="rowheader" aria-colindex="1" title="${escapeHtml(row.key)}">${escapeHtml(row.label)}</th>`);
    out.push(padCell('td', padLeft));
    for (let vc = win.col0; vc < win.col1; vc++) {
      const cell = view.cell(vr, vc);
      out.push(`<td role="gridcell" class="c s-${cell.state}" data-vr="${vr}" data-vc="${vc}" aria-colindex="${vc + 2}" tabindex="-1" aria-label="${escapeHtml(cell.ariaLabel)}">${STATE_MARKS[cell.state]}</td>`);
    }
    out.push(padCell('td', padRight));
    out.push('</tr>');
  }
  out.push(spacer(view.lines.length - win.line1));
  out.push('</tbody></table>');
  return out.join('');
}

/** The line index a visible row is drawn on. */
export function lineOfRow(view: MatrixView, vr: number): number {
  return view.lines.findIndex((l) => l.kind === 'row' && l.vr === vr);
}

export function legendHtml(view: MatrixView): string {
  const states: CellState[] = ['allowed', 'denied', 'uncertain', 'changed-by-staged', 'mixed'];
  const counts = view.counts as Record<string, number>;
  return `<ul class="legend" aria-label="Legend">${states
    .map((s) => `<li><span class="swatch s-${s}" aria-hidden="true">${STATE_MARKS[s]}</span> ${STATE_WORDS[s]}${s in counts ? ` <span class="count">(${counts[s]})</span>` : ' (in a collapsed group)'}</li>`)
    .join('')}</ul>`;
}
