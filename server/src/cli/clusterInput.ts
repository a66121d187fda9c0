// The `--cluster [--context NAME] [--kubeconfig FILE]` options shared by simulate and diff-traffic: the
// cluster's policies and endpoints read once, with a warning per thing that could not be read.
import { KubeConfigProblem } from '../labels/cluster/kubeconfig';
import { KubeApiError } from '../labels/cluster/kubeErrors';
import { Redactor } from '../labels/cluster/redactor';
import { missingSentence, readClusterOnce, snapshotTrafficFiles, type MissingData, type PolicySnapshot } from '../cluster';
import type { TrafficSourceFile } from '../traffic';
import type { CliIo } from './io';

export interface ClusterFlags {
  cluster: boolean;
  context?: string;
  kubeconfig?: string;
}

export const clusterUsage = `  --cluster         start from the policies and pods of the kubeconfig's cluster (read-only); the PATHs
                    then replace or add to its resources (same kind, namespace and name replaces)
  --context NAME    kubeconfig context (default: the current context)
  --kubeconfig FILE kubeconfig file (default: KUBECONFIG, then ~/.kube/config)
`;

/** Takes the cluster options out of `args`; a string is a usage error. */
export function takeClusterFlags(args: string[]): { flags: ClusterFlags; rest: string[] } | string {
  const flags: ClusterFlags = { cluster: false };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a === '--cluster') {
      flags.cluster = true;
      continue;
    }
    const eq = a.indexOf('=');
    const flag = eq >= 0 ? a.slice(0, eq) : a;
    if (flag !== '--context' && flag !== '--kubeconfig') {
      rest.push(a);
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') return `${flag} needs a value`;
    if (flag === '--context') flags.context = value;
    else flags.kubeconfig = value;
  }
  if (!flags.cluster && (flags.context !== undefined || flags.kubeconfig !== undefined)) return '--context and --kubeconfig only apply with --cluster';
  return { flags, rest };
}

export interface ClusterInput {
  snapshot: PolicySnapshot;
  files: TrafficSourceFile[];
  missing: MissingData[];
}

/** Reads the cluster; prints why it could not (and returns undefined), or a warning per missing item. */
export async function loadClusterInput(flags: ClusterFlags, io: CliIo, command: string): Promise<ClusterInput | undefined> {
  const redactor = new Redactor();
  let snapshot: PolicySnapshot;
  try {
    const timeoutMs = Number(process.env.CALICO_CLUSTER_TIMEOUT_MS) > 0 ? Number(process.env.CALICO_CLUSTER_TIMEOUT_MS) : undefined;
    snapshot = await readClusterOnce({ kubeconfig: flags.kubeconfig, context: flags.context, endpoints: true, redactor, timeoutMs });
  } catch (e) {
    const message = e instanceof KubeConfigProblem || e instanceof KubeApiError ? e.message : 'unexpected error while reading the cluster';
    io.stderr(`calico-policy ${command}: cannot read the cluster: ${redactor.redact(message)}\n`);
    return undefined;
  }
  const { files, missing } = snapshotTrafficFiles(snapshot);
  for (const note of snapshot.notes.filter((n) => /crd\.projectcalico\.org|not served \(neither/.test(n))) io.stderr(`note: ${note}\n`);
  for (const m of missing) io.stderr(`warning: ${missingSentence(m)}; verdicts that depend on it are uncertain\n`);
  return { snapshot, files, missing };
}
