// Every feature of the server, one module each; a new feature is one file here and one line below.
import type { ServerContext } from '../context';
import * as diagnostics from './diagnostics';
import * as settings from './settings';
import * as labels from './labels';
import * as completion from './completion';
import * as hover from './hover';
import * as semanticTokens from './semanticTokens';
import * as codeLens from './codeLens';
import * as documentSymbols from './documentSymbols';
import * as codeActions from './codeActions';
import * as explain from './explain';
import * as tiers from './tiers';
import * as clusterPolicies from './clusterPolicies';
import * as traffic from './traffic';

export interface HandlerModule {
  /** Registers the module's handlers, capabilities and hooks on the server. */
  register(ctx: ServerContext): void;
}

export const handlerModules: readonly HandlerModule[] = [
  diagnostics,
  settings,
  labels,
  completion,
  hover,
  semanticTokens,
  codeLens,
  documentSymbols,
  codeActions,
  explain,
  tiers,
  clusterPolicies,
  traffic,
];
