// Protocol names and numbers as Calico reads them, and which protocols carry ports.

const NUMBERS: Record<string, number> = { TCP: 6, UDP: 17, ICMP: 1, ICMPV6: 58, SCTP: 132, UDPLITE: 136 };
const NAMES: Record<number, string> = { 6: 'TCP', 17: 'UDP', 1: 'ICMP', 58: 'ICMPv6', 132: 'SCTP', 136: 'UDPLite' };

/** A protocol name (any case) or number 1–255, as a number; undefined when it is neither. */
export function protocolNumber(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = String(text).trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 255 ? n : undefined;
  }
  return NUMBERS[t.toUpperCase()];
}

export function protocolName(n: number): string {
  return NAMES[n] ?? String(n);
}

export function hasPorts(protocol: number): boolean {
  return protocol === 6 || protocol === 17 || protocol === 132;
}
