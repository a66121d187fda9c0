// The reachability matrix as the view draws it: rows and columns grouped by namespace (collapsible), external
// destinations as their own group, each cell with its state and an accessible sentence. No VS Code or DOM here.
import type { EndpointInfo, MatrixCell, MatrixCellState, MatrixResult } from '../../../protocol';

/** A group that is not a namespace: the destinations outside the cluster that policies name. */
export const EXTERNAL_GROUP = '(external)';

export type CellState = MatrixCellState | 'mixed';

export interface AxisMember {
  /** EndpointInfo.id */
  id: string;
  /** The short name people read: the workload name, or ns/name where two namespaces share a name. */
  label: string;
  group: string;
  /** Index into MatrixResult.rows or .columns. */
  index: number;
  endpoint: EndpointInfo;
}

export interface AxisGroup {
  name: string;
  collapsed: boolean;
  members: AxisMember[];
}

/** One visible row or column: a member, or a collapsed group standing for all its members. */
export interface AxisEntry {
  key: string;
  label: string;
  group: string;
  /** True for a collapsed group's summary entry. */
  summary: boolean;
  /** Matrix indices this entry stands for (one for a member). */
  indices: number[];
}

export interface CellView {
  state: CellState;
  /** Short text of what decided, e.g. "allowed by yaobank-summary/p-customer2summary". */
  label: string;
  /** "customer to summary, TCP 80: allowed by yaobank-summary/p-customer2summary". */
  ariaLabel: string;
  /** Whether the flow is allowed (for a collapsed group's summary: whether any of its flows is). */
  allows: boolean;
  /** Matrix indices of the one flow this cell shows; absent for a collapsed group's summary. */
  row?: number;
  column?: number;
}

export interface MatrixView {
  protocol: string;
  port?: number;
  /** "TCP 80" or "TCP, any port". */
  portLabel: string;
  rowGroups: AxisGroup[];
  columnGroups: AxisGroup[];
  rows: AxisEntry[];
  columns: AxisEntry[];
  /** The cell at a visible row and column, computed when asked (a redraw touches only the cells on screen). */
  cell(vr: number, vc: number): CellView;
  /** What the view draws top to bottom: each row group's header line, then its rows (visible row indices). */
  lines: Line[];
  /** Per column group, the visible columns it spans: [start, end). */
  columnSpans: { group: AxisGroup; start: number; end: number }[];
  counts: Record<MatrixCellState, number>;
  warnings: string[];
}

export type Line = { kind: 'group'; group: AxisGroup } | { kind: 'row'; vr: number };

export const STATE_WORDS: Record<CellState, string> = {
  allowed: 'allowed',
  denied: 'denied',
  uncertain: 'uncertain',
  'changed-by-staged': 'changed by staged policies',
  mixed: 'mixed',
};

export function portLabel(protocol: string, port: number | undefined): string {
  const p = protocol.toUpperCase();
  return port === undefined ? `${p}, any port` : `${p} ${port}`;
}

function groupOf(e: EndpointInfo): string {
  return e.kind === 'workload' ? (e.namespace ?? 'default') : EXTERNAL_GROUP;
}

/** Short labels: the name, unless the same name is used in more than one group. */
function shortLabels(endpoints: EndpointInfo[]): string[] {
  const groupsByName = new Map<string, Set<string>>();
  for (const e of endpoints) {
    let s = groupsByName.get(e.name);
    if (!s) groupsByName.set(e.name, (s = new Set()));
    s.add(groupOf(e));
  }
  return endpoints.map((e) => (e.kind === 'workload' && (groupsByName.get(e.name)?.size ?? 0) > 1 ? e.id : e.name));
}

export function groupAxis(endpoints: EndpointInfo[], collapsed: ReadonlySet<string>): AxisGroup[] {
  const labels = shortLabels(endpoints);
  const byGroup = new Map<string, AxisMember[]>();
  endpoints.forEach((endpoint, index) => {
    const group = groupOf(endpoint);
    let list = byGroup.get(group);
    if (!list) byGroup.set(group, (list = []));
    list.push({ id: endpoint.id, label: labels[index], group, index, endpoint });
  });
  const names = [...byGroup.keys()].sort((a, b) => (a === EXTERNAL_GROUP ? 1 : b === EXTERNAL_GROUP ? -1 : a.localeCompare(b)));
  return names.map((name) => ({
    name,
    collapsed: collapsed.has(name),
    members: byGroup.get(name)!.sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id)),
  }));
}

function entries(groups: AxisGroup[]): AxisEntry[] {
  const out: AxisEntry[] = [];
  for (const g of groups) {
    if (g.collapsed) {
      out.push({ key: `group:${g.name}`, label: `${g.name} (${g.members.length})`, group: g.name, summary: true, indices: g.members.map((m) => m.index) });
    } else {
      for (const m of g.members) out.push({ key: m.id, label: m.label, group: g.name, summary: false, indices: [m.index] });
    }
  }
  return out;
}

/** Words for what decided a flow: "allowed by ns/policy, ingress rule 0"; an engine's note (e.g. within one pod) as given. */
export function describeCell(cell: MatrixCell): string {
  const d = cell.decidedBy;
  const verb = cell.verdict === 'allow' ? 'allowed' : 'denied';
  if (cell.label?.startsWith(`${verb}:`)) return cell.label;
  if (d.reason === 'rule' && d.policy) return `${verb} by ${d.policy}, ${d.side} rule ${d.ruleIndex}`;
  if (d.reason === 'end-of-tier') return `${verb} at the end of tier ${d.tier} (${d.side})`;
  return cell.label || `${verb} by the profile (no policy applies)`;
}

function cellSentence(state: MatrixCellState, cell: MatrixCell): string {
  const decided = describeCell(cell);
  if (state === 'changed-by-staged') return `${decided}; ${cell.stagedVerdict === 'allow' ? 'allowed' : 'denied'} with staged policies applied`;
  if (state === 'uncertain') return `${decided} (uncertain: ${cell.uncertain ?? 'depends on facts not in the files'})`;
  return decided;
}

function summaryCell(result: MatrixResult, rows: number[], columns: number[]): { state: CellState; label: string; allows: boolean } {
  const tally = new Map<MatrixCellState, number>();
  let total = 0;
  let allows = false;
  for (const r of rows) {
    const line = result.cells[r];
    for (const c of columns) {
      const s = line?.[c]?.state;
      if (!s) continue;
      if (line[c].verdict === 'allow') allows = true;
      tally.set(s, (tally.get(s) ?? 0) + 1);
      total++;
    }
  }
  if (tally.size === 1) {
    const [only] = tally.keys();
    return { state: only, label: `all ${total} flows ${STATE_WORDS[only]}`, allows };
  }
  const order: MatrixCellState[] = ['allowed', 'denied', 'uncertain', 'changed-by-staged'];
  const parts = order.filter((s) => tally.has(s)).map((s) => `${tally.get(s)} ${STATE_WORDS[s]}`);
  return { state: 'mixed', label: `${total} flows: ${parts.join(', ')}`, allows };
}

export function buildMatrixView(result: MatrixResult, collapsed: ReadonlySet<string> = new Set()): MatrixView {
  const rowGroups = groupAxis(result.rows, collapsed);
  const columnGroups = groupAxis(result.columns, collapsed);
  const rows = entries(rowGroups);
  const columns = entries(columnGroups);
  const where = portLabel(result.protocol, result.port);
  const counts: Record<MatrixCellState, number> = { allowed: 0, denied: 0, uncertain: 0, 'changed-by-staged': 0 };
  for (const line of result.cells) for (const c of line) if (c) counts[c.state]++;
  const cell = (vr: number, vc: number): CellView => {
    const row = rows[vr];
    const column = columns[vc];
    if (row.summary || column.summary) {
      const s = summaryCell(result, row.indices, column.indices);
      return { state: s.state, label: s.label, allows: s.allows, ariaLabel: `${row.label} to ${column.label}, ${where}: ${s.label}` };
    }
    const r = row.indices[0];
    const c = column.indices[0];
    const flow = result.cells[r]?.[c];
    if (!flow) return { state: 'uncertain', label: 'not simulated', allows: false, ariaLabel: `${row.label} to ${column.label}, ${where}: not simulated`, row: r, column: c };
    const label = cellSentence(flow.state, flow);
    return { state: flow.state, label, allows: flow.verdict === 'allow', ariaLabel: `${row.label} to ${column.label}, ${where}: ${label}`, row: r, column: c };
  };
  const lines: Line[] = [];
  let vr = 0;
  for (const group of rowGroups) {
    lines.push({ kind: 'group', group });
    const count = group.collapsed ? 1 : group.members.length;
    for (let k = 0; k < count; k++) lines.push({ kind: 'row', vr: vr++ });
  }
  const columnSpans: MatrixView['columnSpans'] = [];
  let vc = 0;
  for (const group of columnGroups) {
    const count = group.collapsed ? 1 : group.members.length;
    columnSpans.push({ group, start: vc, end: vc + count });
    vc += count;
  }
  return { protocol: result.protocol, port: result.port, portLabel: where, rowGroups, columnGroups, rows, columns, cell, lines, columnSpans, counts, warnings: result.warnings ?? [] };
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Every source × destination (groups expanded), one state per cell: for spreadsheets and tickets. */
export function matrixCsv(result: MatrixResult): string {
  const lines = [['source \\ destination', ...result.columns.map((c) => c.id)].map(csvField).join(',')];
  result.rows.forEach((row, r) => {
    lines.push([row.id, ...result.columns.map((_, c) => result.cells[r]?.[c]?.state ?? '')].map(csvField).join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** The same flows as JSON, each with its verdicts and what decided it. */
export function matrixJson(result: MatrixResult): string {
  const flows = [];
  for (let r = 0; r < result.rows.length; r++) {
    for (let c = 0; c < result.columns.length; c++) {
      const cell = result.cells[r]?.[c];
      if (!cell) continue;
      flows.push({
        from: result.rows[r].id,
        to: result.columns[c].id,
        state: cell.state,
        verdict: cell.verdict,
        stagedVerdict: cell.stagedVerdict,
        decidedBy: cell.decidedBy,
        label: describeCell(cell),
        ...(cell.uncertain ? { uncertain: cell.uncertain } : {}),
      });
    }
  }
  const doc = { protocol: result.protocol, ...(result.port !== undefined ? { port: result.port } : {}), warnings: result.warnings ?? [], flows };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The picker's entries: every protocol/port the policies name, then "any port" for each protocol seen (TCP at least). */
export function portChoices(ports: { protocol: string; port?: number }[]): { protocol: string; port?: number; label: string }[] {
  const seen = new Set<string>();
  const numbered: { protocol: string; port: number; label: string }[] = [];
  const protocols = new Set<string>(['TCP']);
  for (const p of ports) {
    const protocol = p.protocol.toUpperCase();
    protocols.add(protocol);
    if (p.port === undefined) continue;
    const key = `${protocol}|${p.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    numbered.push({ protocol, port: p.port, label: portLabel(protocol, p.port) });
  }
  numbered.sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
  const any = [...protocols].sort().map((protocol) => ({ protocol, label: portLabel(protocol, undefined) }));
  return [...numbered, ...any];
}

/**
 * A matrix computed for some rows and columns only (those on screen), put into the previous full one: what the
 * user looks at is current at once while the rest follows. Undefined when the endpoints changed.
 */
export function mergeRows(previous: MatrixResult, partial: MatrixResult): MatrixResult | undefined {
  if (previous.protocol !== partial.protocol || previous.port !== partial.port) return undefined;
  const rowAt = new Map(previous.rows.map((r, i) => [r.id, i]));
  const columnAt = new Map(previous.columns.map((c, i) => [c.id, i]));
  const columns = partial.columns.map((c) => columnAt.get(c.id));
  if (columns.some((c) => c === undefined)) return undefined;
  const cells = previous.cells.slice();
  for (let k = 0; k < partial.rows.length; k++) {
    const i = rowAt.get(partial.rows[k].id);
    if (i === undefined) return undefined;
    const line = cells[i].slice();
    columns.forEach((c, j) => (line[c!] = partial.cells[k][j]));
    cells[i] = line;
  }
  return { ...previous, cells, warnings: partial.warnings };
}
