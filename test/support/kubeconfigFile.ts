// Writes kubeconfig files pointing at the stand-in API: token auth, exec-plugin auth, or a wrong CA.
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCertificates } from './kubeCerts';

export interface KubeconfigOptions {
  server: string;
  token?: string;
  context?: string;
  namespace?: string;
  /** Authenticate through an exec plugin (a small node script) that prints this token, or fails. */
  exec?: { token: string; fail?: boolean };
  /** Trust a different, freshly generated CA (for TLS-error tests). */
  wrongCa?: boolean;
}

/** Returns the kubeconfig path; each call uses a fresh directory. */
export function writeKubeconfig(options: KubeconfigOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'calico-kubeconfig-'));
  const context = options.context ?? 'fake-cluster';
  let caData = Buffer.from(testCertificates().caPem).toString('base64');
  if (options.wrongCa) caData = Buffer.from(testCertificates().otherCaPem).toString('base64');
  let user: string;
  if (options.exec) {
    const script = join(dir, 'credential-plugin.cjs');
    const body = options.exec.fail
      ? `process.stderr.write('error: refresh token expired; last token was ${options.exec.token}\\n'); process.exit(1);`
      : `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: '${options.exec.token}' } }));`;
    writeFileSync(script, body);
    chmodSync(script, 0o755);
    user = [
      '      exec:',
      '        apiVersion: client.authentication.k8s.io/v1',
      `        command: ${JSON.stringify(process.execPath)}`,
      '        args:',
      `          - ${JSON.stringify(script)}`,
      '        interactiveMode: Never',
    ].join('\n');
  } else {
    user = `      token: ${options.token ?? ''}`;
  }
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `  - name: ${context}-cluster`,
    '    cluster:',
    `      server: ${options.server}`,
    `      certificate-authority-data: ${caData}`,
    'users:',
    `  - name: ${context}-user`,
    '    user:',
    user,
    'contexts:',
    `  - name: ${context}`,
    '    context:',
    `      cluster: ${context}-cluster`,
    `      user: ${context}-user`,
    ...(options.namespace ? [`      namespace: ${options.namespace}`] : []),
    `current-context: ${context}`,
    '',
  ].join('\n');
  const path = join(dir, 'config');
  writeFileSync(path, text);
  return path;
}
