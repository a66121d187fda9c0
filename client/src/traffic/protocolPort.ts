// Reads what a person types for a flow's protocol and port: "TCP 80", "udp/53", "ICMP", "TCP http" (a named port).
const PROTOCOLS = ['TCP', 'UDP', 'SCTP', 'ICMP', 'ICMPv6', 'UDPLite'];

export interface ProtocolPort {
  protocol: string;
  port?: number | string;
}

/** The protocol in Calico's spelling, or a protocol number 1–255; undefined when it is neither. */
export function normalizeProtocol(text: string): string | undefined {
  const known = PROTOCOLS.find((p) => p.toLowerCase() === text.toLowerCase());
  if (known) return known;
  return /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 255 ? text : undefined;
}

/** Parses "PROTOCOL [PORT]"; a port is 1–65535 or a container port name. Returns an error sentence otherwise. */
export function parseProtocolPort(input: string): ProtocolPort | { error: string } {
  const parts = input.trim().split(/[\s/:]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 2) return { error: 'Type a protocol and an optional port, e.g. "TCP 80", "UDP 53" or "ICMP".' };
  const protocol = normalizeProtocol(parts[0]);
  if (!protocol) return { error: `"${parts[0]}" is not a protocol: use ${PROTOCOLS.join(', ')} or a number 1–255.` };
  if (parts.length === 1) return { protocol };
  const raw = parts[1];
  if (/^\d+$/.test(raw)) {
    const port = Number(raw);
    if (port < 1 || port > 65535) return { error: `Port ${raw} is out of range 1–65535.` };
    return { protocol, port };
  }
  // Kubernetes container port names: lower-case letters, digits and '-', at most 15 characters.
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(raw) || raw.length > 15) return { error: `"${raw}" is neither a port number nor a container port name.` };
  return { protocol, port: raw };
}

export function protocolPortText(p: ProtocolPort): string {
  return p.port === undefined ? p.protocol : `${p.protocol} ${p.port}`;
}
