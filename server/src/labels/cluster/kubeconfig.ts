// Loads the kubeconfig the user chose (setting, KUBECONFIG, ~/.kube/config) and picks the context.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { CalicoSettings } from '../../settings';
import type { ListContextsResult } from '../../../../protocol';

export interface LoadedKubeConfig {
  kc: KubeConfig;
  context: string;
  /** API server URL of the context's cluster. */
  server: string;
  /** The context's default namespace (used when namespaces cannot be listed). */
  namespace: string;
}

/** Why no cluster can be used; `kind: 'none'` is normal (no kubeconfig at all), the rest are errors. */
export class KubeConfigProblem extends Error {
  constructor(
    readonly kind: 'none' | 'unreadable' | 'noContext',
    message: string,
  ) {
    super(message);
  }
}

/** The kubeconfig files that would be read, in order. */
export function kubeconfigPaths(settings: Pick<CalicoSettings, 'kubeconfig'>): string[] {
  if (settings.kubeconfig.trim()) return [expandHome(settings.kubeconfig.trim())];
  const env = process.env.KUBECONFIG;
  if (env) return env.split(delimiter).filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/** Reads every kubeconfig file (merging like kubectl, first file wins the current context). No network, no exec. */
export function readKubeConfig(settings: Pick<CalicoSettings, 'kubeconfig'>): KubeConfig {
  const paths = kubeconfigPaths(settings).filter((p) => existsSync(p));
  if (paths.length === 0) {
    const what = settings.kubeconfig.trim() ? `calico.kubeconfig file ${settings.kubeconfig} does not exist` : 'no kubeconfig found';
    throw new KubeConfigProblem('none', what);
  }
  const kc = new KubeConfig();
  paths.forEach((path, i) => {
    const next = i === 0 ? kc : new KubeConfig();
    try {
      next.loadFromFile(path);
    } catch (e) {
      // The parser's message can quote file content (which may hold a token), so only the path is reported.
      throw new KubeConfigProblem('unreadable', `kubeconfig ${path} is not a valid kubeconfig`);
    }
    if (i > 0) kc.mergeConfig(next, true);
  });
  return kc;
}

/** Selects `settings.context` (or the current context) and checks that its cluster exists. */
export function loadKubeConfig(settings: Pick<CalicoSettings, 'kubeconfig' | 'context'>): LoadedKubeConfig {
  const kc = readKubeConfig(settings);
  const wanted = settings.context.trim() || kc.getCurrentContext();
  if (!wanted) throw new KubeConfigProblem('noContext', 'the kubeconfig has no current context (choose one with "Select Kubernetes Context")');
  const ctx = kc.getContextObject(wanted);
  if (!ctx) throw new KubeConfigProblem('noContext', `context "${wanted}" is not in the kubeconfig`);
  kc.setCurrentContext(wanted);
  const cluster = kc.getCurrentCluster();
  if (!cluster || !cluster.server) throw new KubeConfigProblem('noContext', `context "${wanted}" names cluster "${ctx.cluster}", which is not in the kubeconfig`);
  return { kc, context: wanted, server: cluster.server.replace(/\/+$/, ''), namespace: ctx.namespace || 'default' };
}

export function listKubeContexts(settings: Pick<CalicoSettings, 'kubeconfig' | 'context'>): ListContextsResult {
  try {
    const kc = readKubeConfig(settings);
    const current = settings.context.trim() || kc.getCurrentContext();
    return {
      contexts: kc.getContexts().map((c) => ({
        name: c.name,
        cluster: c.cluster,
        ...(c.namespace ? { namespace: c.namespace } : {}),
        current: c.name === current,
      })),
    };
  } catch (e) {
    return { contexts: [], error: e instanceof KubeConfigProblem ? e.message : 'the kubeconfig could not be read' };
  }
}
