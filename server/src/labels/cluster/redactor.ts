// Remembers every secret the kubeconfig produced (tokens, passwords, keys) and strips them from text.

export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: unknown): void {
    if (typeof secret !== 'string' && !Buffer.isBuffer(secret)) return;
    const text = secret.toString();
    // Short strings would redact ordinary words; real credentials are long.
    if (text.length >= 8) this.secrets.add(text);
    const bearer = /^(Bearer|Basic)\s+(.+)$/i.exec(text);
    if (bearer && bearer[2].length >= 8) this.secrets.add(bearer[2]);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join('«redacted»');
    // Belt and braces: anything that looks like a bearer header or a PEM block never leaves.
    out = out.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 «redacted»');
    out = out.replace(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '«redacted PEM»');
    return out;
  }
}
