// Protocol, port and CIDR parsing as Calico's validator reads them.
import { isIP } from 'node:net';

export const PROTOCOL_NUMBERS: Record<string, number> = { TCP: 6, UDP: 17, ICMP: 1, ICMPv6: 58, SCTP: 132, UDPLite: 136 };
const PORT_PROTOCOLS = new Set([6, 17, 132]);

export type ProtocolReading =
  | { ok: true; number: number; name?: string }
  | { ok: false; message: string; suggestion?: string };

/** Reads a `protocol` value: a case-sensitive name, or a number 1–255 (a numeric string counts as a number). */
export function readProtocol(value: unknown): ProtocolReading {
  if (typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value.trim()))) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 255) return { ok: false, message: `protocol number ${value} is invalid; use 1–255` };
    return { ok: true, number: n };
  }
  if (typeof value !== 'string') return { ok: false, message: 'protocol must be a name (TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite) or a number 1–255' };
  if (value in PROTOCOL_NUMBERS) return { ok: true, number: PROTOCOL_NUMBERS[value], name: value };
  const suggestion = Object.keys(PROTOCOL_NUMBERS).find((n) => n.toLowerCase() === value.toLowerCase());
  return {
    ok: false,
    message: suggestion
      ? `protocol \`${value}\` is not valid (names are case-sensitive); did you mean \`${suggestion}\`?`
      : `unknown protocol \`${value}\`; use TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1–255`,
    suggestion,
  };
}

export function protocolHasPorts(n: number): boolean {
  return PORT_PROTOCOLS.has(n);
}

export type PortReading =
  | { kind: 'number'; min: number; max: number }
  | { kind: 'name'; name: string }
  | { kind: 'invalid'; code: 'PORT-PARSE' | 'PORT-ZERO' | 'PORT-RANGE-ORDER'; message: string };

/** Reads a port entry: integer, numeric string, "min:max" range, or a named port. */
export function readPort(value: unknown): PortReading {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > 65535) return { kind: 'invalid', code: 'PORT-PARSE', message: `port ${value} is out of range; use 1–65535` };
    if (value === 0) return { kind: 'invalid', code: 'PORT-ZERO', message: 'port 0 is invalid; use 1–65535' };
    return { kind: 'number', min: value, max: value };
  }
  if (typeof value !== 'string') return { kind: 'invalid', code: 'PORT-PARSE', message: 'a port must be a number, a quoted range "min:max" or a port name' };
  const range = /^(\d+):(\d+)$/.exec(value);
  const single = /^\d+$/.test(value);
  if (range || single) {
    const min = Number(range ? range[1] : value);
    const max = Number(range ? range[2] : value);
    if (min > 65535 || max > 65535) return { kind: 'invalid', code: 'PORT-PARSE', message: `port ${value} is out of range; ports are 1–65535` };
    if (min === 0 || max === 0) return { kind: 'invalid', code: 'PORT-ZERO', message: 'port 0 is invalid; ports are 1–65535' };
    if (min > max) return { kind: 'invalid', code: 'PORT-RANGE-ORDER', message: `port range "${value}" is invalid: the minimum ${min} is greater than the maximum ${max}` };
    return { kind: 'number', min, max };
  }
  if (!/^[a-zA-Z0-9_.-]{1,128}$/.test(value)) {
    const hint = /^\d+-\d+$/.test(value) ? ` (a range is written "${value.replace('-', ':')}")` : '';
    return { kind: 'invalid', code: 'PORT-PARSE', message: `invalid port \`${value}\`: use a number, a quoted range "min:max" or a port name${hint}` };
  }
  return { kind: 'name', name: value };
}

export interface Cidr {
  family: 4 | 6;
  address: string;
  prefix: number;
  hostBitsSet: boolean;
  /** The network address with host bits cleared, in canonical-enough form. */
  network: string;
  /** The network address's bytes (host bits cleared). */
  networkBytes: number[];
}

/** Whether `inner` lies strictly inside `outer`: same family, a longer prefix, and its network inside outer's. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.prefix <= outer.prefix) return false;
  for (let bit = 0; bit < outer.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((inner.networkBytes[bit >> 3] & mask) !== (outer.networkBytes[bit >> 3] & mask)) return false;
  }
  return true;
}

function ipv4ToBytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

function ipv6ToBytes(ip: string): number[] {
  let text = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (v4) {
    tail = ipv4ToBytes(v4[1]);
    text = text.slice(0, -v4[1].length) + '0:0';
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const r = rest !== undefined ? (rest ? rest.split(':') : []) : [];
  const groups = rest !== undefined ? [...h, ...Array(8 - h.length - r.length).fill('0'), ...r] : h;
  const bytes: number[] = [];
  for (const g of groups) {
    const n = parseInt(g || '0', 16);
    bytes.push(n >> 8, n & 255);
  }
  if (v4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function bytesToIpv6(bytes: number[]): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  // Compress the longest run of zero groups.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** Parses `addr/len`; undefined when it is not a CIDR. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const family = isIP(m[1]);
  if (family !== 4 && family !== 6) return undefined;
  const prefix = Number(m[2]);
  if (prefix > (family === 4 ? 32 : 128)) return undefined;
  const bytes = family === 4 ? ipv4ToBytes(m[1]) : ipv6ToBytes(m[1]);
  const masked = bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - bits)) & 0xff);
  });
  const hostBitsSet = masked.some((b, i) => b !== bytes[i]);
  const network = family === 4 ? masked.join('.') : bytesToIpv6(masked);
  return { family, address: m[1], prefix, hostBitsSet, network: `${network}/${prefix}`, networkBytes: masked };
}

/** Bare IP family (4/6) or 0. */
export function ipFamily(text: string): number {
  return isIP(text);
}
