// Messages between the reachability panel (extension host) and its webview.
import type { MatrixResult } from '../../../protocol';

export interface PortChoice {
  protocol: string;
  port?: number;
  /** "TCP 80" or "TCP, any port". */
  label: string;
}

export type ToWebview =
  | { type: 'matrix'; result: MatrixResult; choices: PortChoice[]; scopeLabel: string }
  | { type: 'busy' }
  | { type: 'error'; message: string };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'query'; protocol: string; port?: number }
  | { type: 'trace'; row: number; column: number }
  | { type: 'export'; format: 'csv' | 'json' }
  | { type: 'export'; format: 'svg'; svg: string }
  | { type: 'scope' }
  | { type: 'askPort' }
  /** The matrix rows and columns (indices into MatrixResult.rows/.columns) on screen, computed first after an edit. */
  | { type: 'viewport'; rows: number[]; columns: number[] }
  | { type: 'rendered'; ms: number; cells: number };
