// The HTML page around a webview's content: a locked-down Content-Security-Policy, local styles, one nonce'd script.
import { randomBytes } from 'node:crypto';
import { escapeHtml } from './escape';

export function newNonce(): string {
  return randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

export interface ShellOptions {
  title: string;
  /** The webview's `cspSource`: the only origin styles and scripts may come from. */
  cspSource: string;
  nonce: string;
  styleUris: string[];
  scriptUri: string;
  body: string;
}

/** No remote resources, no inline script or style: only our files and the one script carrying the nonce. */
export function webviewShell(o: ShellOptions): string {
  const csp = [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
  ].join('; ');
  const styles = o.styleUris.map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeHtml(o.title)}</title>
</head>
<body>
${o.body}
<script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
