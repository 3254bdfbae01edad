/** Port specs shared by compose and Dockerfile: `3000`, `3001:3000`, `ip:3001:3000/tcp`, ranges. */
import type { PortMapping } from '../../types/index.js';
import { isPort, MAX_PORT_RANGE, parseDecimal } from './report.js';

/** Parsed ports of one spec; `problem` says why it was rejected, `truncated` that a range was cut. */
export interface PortParse {
  ports: PortMapping[];
  problem: string | null;
  truncated: boolean;
}

/** A port or inclusive port range as written; `variable` when it holds `$` interpolation. */
type Range = { from: number; to: number } | 'variable' | 'invalid';

const EMPTY: PortParse = { ports: [], problem: null, truncated: false };

/** A spec that is rejected, with the reason (never the spec itself). */
export function rejected(problem: string): PortParse {
  return { ports: [], problem, truncated: false };
}

/** Parses `3000`, `3000-3005`; anything with `$` is an interpolation resolved only at run time. */
export function parseRange(text: string): Range {
  const spec = text.trim();
  if (spec.includes('$')) return 'variable';
  const dash = spec.indexOf('-');
  const from = parseDecimal(dash < 0 ? spec : spec.slice(0, dash));
  const to = dash < 0 ? from : parseDecimal(spec.slice(dash + 1));
  if (from === null || to === null || !isPort(from) || !isPort(to) || to < from) return 'invalid';
  return { from, to };
}

/** Strips a trailing `/tcp`, `/udp`, `/sctp` protocol. */
export function stripProtocol(spec: string): string {
  const slash = spec.lastIndexOf('/');
  return slash < 0 ? spec : spec.slice(0, slash);
}

/**
 * Splits on `:` outside `${…}` and `[…]`, so `${PORT:-3000}:3000` and `[::1]:3001:3000` keep their
 * inner colons.
 */
function splitColons(spec: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && depth > 0) depth--;
    else if (c === ':' && depth === 0) {
      parts.push(spec.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(spec.slice(start));
  return parts;
}

/** Compose short syntax: `[[ip:]published:]target[/protocol]`, each port possibly a range. */
export function parseShortPort(spec: string): PortParse {
  const parts = splitColons(stripProtocol(spec.trim()));
  const target = parts[parts.length - 1] ?? '';
  const published = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
  return combine(published, target);
}

/**
 * Pairs published and target ranges as docker does: equal-length ranges pair one to one, a
 * published range for one target means "any free host port of the range" (so unknown), and a
 * range expands to at most {@link MAX_PORT_RANGE} mappings.
 */
export function combine(publishedText: string, targetText: string): PortParse {
  const target = parseRange(targetText);
  if (target === 'variable') return EMPTY;
  if (target === 'invalid') return rejected('the container port is not a port number or range');
  const published = publishedText.trim() === '' ? 'none' : parseRange(publishedText);
  if (published === 'invalid') return rejected('the published port is not a port number or range');
  const count = target.to - target.from + 1;
  const kept = Math.min(count, MAX_PORT_RANGE);
  const ports: PortMapping[] = [];
  const pairwise = typeof published === 'object' && published.to - published.from + 1 === count;
  if (typeof published === 'object' && !pairwise && count > 1) {
    return rejected('the published and container port ranges differ in length');
  }
  for (let k = 0; k < kept; k++) {
    let host: number | null = null;
    if (typeof published === 'object' && pairwise) host = published.from + k;
    ports.push({ published: host, target: target.from + k });
  }
  return { ports, problem: null, truncated: kept < count };
}
