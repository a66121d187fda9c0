// The graph the second tab draws: namespaces as groups, workloads (or collapsed namespaces) as nodes, allowed
// flows as edges; denied flows are kept apart and shown when a node is hovered.
import type { CellState, MatrixView } from './viewModel';

export interface GraphNode {
  key: string;
  label: string;
  group: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  state: CellState;
  /** What decided, e.g. "denied by yaobank-database/knp.default.database-policy". */
  label: string;
  ariaLabel: string;
  /** Visible matrix position, so a click opens the same trace as the cell. */
  vr: number;
  vc: number;
}

export interface GraphModel {
  groups: string[];
  nodes: GraphNode[];
  allowed: GraphEdge[];
  denied: GraphEdge[];
}

export function graphModel(view: MatrixView): GraphModel {
  const nodes = new Map<string, GraphNode>();
  for (const e of [...view.rows, ...view.columns]) if (!nodes.has(e.key)) nodes.set(e.key, { key: e.key, label: e.label, group: e.group });
  const allowed: GraphEdge[] = [];
  const denied: GraphEdge[] = [];
  view.rows.forEach((row, vr) => {
    view.columns.forEach((column, vc) => {
      // A workload talking to itself is not a flow between policies' endpoints worth drawing.
      if (row.key === column.key) return;
      const cell = view.cell(vr, vc);
      const edge: GraphEdge = { from: row.key, to: column.key, state: cell.state, label: cell.label, ariaLabel: cell.ariaLabel, vr, vc };
      (cell.allows ? allowed : denied).push(edge);
    });
  });
  const groups = [...new Set([...nodes.values()].map((n) => n.group))];
  return { groups, nodes: [...nodes.values()], allowed, denied };
}
