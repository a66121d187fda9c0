// Lays the graph out with dagre (compound: namespaces are clusters holding their workloads) and draws it as SVG
// text. Colours come from CSS classes, so the view follows the theme; an export inlines the theme's colours.
import { Graph, layout } from '@dagrejs/dagre';
import { escapeHtml } from '../traffic/escape';
import type { GraphEdge, GraphModel } from './graphModel';

/** Beyond this many drawn edges the picture stops being readable (and layout slow): collapse namespaces first. */
export const MAX_DRAWN_EDGES = 2500;

export interface PlacedNode {
  key: string;
  label: string;
  group: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedGroup {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends GraphEdge {
  points: { x: number; y: number }[];
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
  /** Denied flows, drawn on hover as straight lines between node centres. */
  denied: GraphEdge[];
}

const NODE_HEIGHT = 26;
const CHAR_WIDTH = 7;

export function layoutGraph(model: GraphModel): GraphLayout {
  const g = new Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 60, edgesep: 8, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const groupId = (name: string) => `group:${name}`;
  for (const name of model.groups) g.setNode(groupId(name), { label: name, paddingTop: 24 } as never);
  for (const n of model.nodes) {
    // A collapsed namespace's own node already carries the group key; it sits in no cluster.
    const id = `node:${n.key}`;
    g.setNode(id, { label: n.label, width: Math.max(60, n.label.length * CHAR_WIDTH + 20), height: NODE_HEIGHT });
    if (!n.key.startsWith('group:')) g.setParent(id, groupId(n.group));
  }
  for (const e of model.allowed) g.setEdge(`node:${e.from}`, `node:${e.to}`);
  layout(g);
  const graph = g.graph() as { width?: number; height?: number };
  const nodes: PlacedNode[] = model.nodes.map((n) => {
    const p = g.node(`node:${n.key}`) as { x: number; y: number; width: number; height: number };
    return { key: n.key, label: n.label, group: n.group, x: p.x, y: p.y, width: p.width, height: p.height };
  });
  const groups: PlacedGroup[] = [];
  for (const name of model.groups) {
    const p = g.node(groupId(name)) as { x?: number; y?: number; width?: number; height?: number } | undefined;
    if (!p || p.x === undefined || !g.children(groupId(name))?.length) continue;
    groups.push({ name, x: p.x, y: p.y!, width: p.width!, height: p.height! });
  }
  const edges: PlacedEdge[] = model.allowed.map((e) => {
    const p = g.edge(`node:${e.from}`, `node:${e.to}`) as { points?: { x: number; y: number }[] } | undefined;
    return { ...e, points: p?.points ?? [] };
  });
  return { width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0), nodes, groups, edges, denied: model.denied };
}

function path(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/** The picture as SVG text; `style` (for an export) is put inside it so it renders outside VS Code. */
export function graphSvg(l: GraphLayout, style?: string): string {
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="graph" role="img" aria-label="Allowed flows between workloads" width="${l.width}" height="${l.height}" viewBox="0 0 ${l.width} ${l.height}">`);
  if (style) out.push(`<style>${style}</style>`);
  out.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>');
  for (const g of l.groups) {
    out.push(`<g class="ns"><rect x="${(g.x - g.width / 2).toFixed(1)}" y="${(g.y - g.height / 2).toFixed(1)}" width="${g.width.toFixed(1)}" height="${g.height.toFixed(1)}" rx="6"/><text x="${(g.x - g.width / 2 + 8).toFixed(1)}" y="${(g.y - g.height / 2 + 16).toFixed(1)}">${escapeHtml(g.name)}</text></g>`);
  }
  out.push('<g class="edges">');
  for (const e of l.edges) {
    out.push(`<path class="edge s-${e.state}" d="${path(e.points)}" marker-end="url(#arrow)" data-vr="${e.vr}" data-vc="${e.vc}" data-from="${escapeHtml(e.from)}" data-to="${escapeHtml(e.to)}"><title>${escapeHtml(e.ariaLabel)}</title></path>`);
  }
  out.push('</g><g class="denied-edges"></g><g class="nodes">');
  for (const n of l.nodes) {
    out.push(`<g class="node" data-key="${escapeHtml(n.key)}" tabindex="0" role="button" aria-label="${escapeHtml(n.key)}"><rect x="${(n.x - n.width / 2).toFixed(1)}" y="${(n.y - n.height / 2).toFixed(1)}" width="${n.width.toFixed(1)}" height="${n.height.toFixed(1)}" rx="4"/><text x="${n.x.toFixed(1)}" y="${(n.y + 4).toFixed(1)}" text-anchor="middle">${escapeHtml(n.label)}</text></g>`);
  }
  out.push('</g></svg>');
  return out.join('');
}

/** SVG text of the denied flows touching one node, drawn as dashed straight lines. */
export function deniedEdgesSvg(l: GraphLayout, key: string): string {
  const at = new Map(l.nodes.map((n) => [n.key, n]));
  const out: string[] = [];
  for (const e of l.denied) {
    if (e.from !== key && e.to !== key) continue;
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) continue;
    out.push(`<path class="edge denied s-${e.state}" d="M${a.x.toFixed(1)},${a.y.toFixed(1)} L${b.x.toFixed(1)},${b.y.toFixed(1)}" marker-end="url(#arrow)" data-vr="${e.vr}" data-vc="${e.vc}"><title>${escapeHtml(e.ariaLabel)}</title></path>`);
  }
  return out.join('');
}
