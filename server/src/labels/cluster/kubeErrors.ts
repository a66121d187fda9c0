// Every way a cluster request can fail, as one error type whose message is safe to show and log.

export type KubeFaultKind =
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'gone'
  | 'server'
  | 'malformed'
  | 'credentials';

export class KubeApiError extends Error {
  constructor(
    readonly kind: KubeFaultKind,
    /** A short sentence for the status bar; never contains secrets or raw server/exec output. */
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** Maps a Node socket/TLS error to a fault; only the error code is used, never the message text. */
export function networkFault(err: unknown, server: string): KubeApiError {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.startsWith('CERT_'))
    return new KubeApiError('tls', `TLS error talking to ${server} (${code}); check the cluster's certificate-authority in the kubeconfig`);
  if (code === 'ECONNREFUSED') return new KubeApiError('unreachable', `cannot reach ${server} (connection refused)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new KubeApiError('unreachable', `cannot reach ${server} (host not found)`);
  if (code === 'ETIMEDOUT') return new KubeApiError('timeout', `no answer from ${server} (connection timed out)`);
  if (code) return new KubeApiError('unreachable', `cannot reach ${server} (${code})`);
  return new KubeApiError('unreachable', `cannot reach ${server}`);
}

/** Maps an HTTP status to a fault. `what` names the request, e.g. "list pods in yaobank". */
export function httpFault(status: number, what: string): KubeApiError {
  if (status === 401) return new KubeApiError('unauthorized', `unauthorized (401) to ${what}: the cluster rejected the kubeconfig's credentials`, status);
  if (status === 403) return new KubeApiError('forbidden', `forbidden to ${what}`, status);
  if (status === 404) return new KubeApiError('notFound', `the API does not serve the request to ${what} (404)`, status);
  if (status === 410) return new KubeApiError('gone', `the list continuation expired while trying to ${what}`, status);
  return new KubeApiError('server', `the API server failed to ${what} (HTTP ${status})`, status);
}
