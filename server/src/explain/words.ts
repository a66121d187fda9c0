// Small wording helpers shared by every sentence builder.
import type { SelectorFact } from '../model';

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** "a", "a or b", "a, b or c". */
export function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export function andList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function selectorCode(selector: SelectorFact): string {
  return selector.invalid ? `${code(selector.text)} (invalid selector)` : code(selector.text);
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const protocolNames: Readonly<Record<string, string>> = {
  '1': 'ICMP',
  '6': 'TCP',
  '17': 'UDP',
  '58': 'ICMPv6',
  '132': 'SCTP',
  '136': 'UDPLite',
};

/** A protocol as a reader knows it: numbers of named protocols read as their names. */
export function protocolLabel(protocol: string): string {
  const named = protocolNames[protocol.trim()];
  if (named) return named;
  return /^\d+$/.test(protocol.trim()) ? `protocol ${protocol.trim()}` : protocol;
}

/** "port 80", "ports 80 or 443", "ports 8000–8080", "named port `http`". */
export function portsPhrase(ports: string[]): string {
  const parts = ports.map((p) => {
    const range = /^(\d+):(\d+)$/.exec(p);
    if (range) return { text: `${range[1]}–${range[2]}`, many: true };
    if (/^\d+$/.test(p)) return { text: p, many: false };
    return { text: `named port ${code(p)}`, many: false, named: true };
  });
  const numeric = parts.filter((p) => !('named' in p));
  const named = parts.filter((p) => 'named' in p).map((p) => p.text);
  const pieces: string[] = [];
  if (numeric.length > 0) {
    const many = numeric.length > 1 || numeric[0]!.many;
    pieces.push(`${many ? 'ports' : 'port'} ${orList(numeric.map((p) => p.text))}`);
  }
  pieces.push(...named);
  return orList(pieces);
}
