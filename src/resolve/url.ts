/** Splits a rendered URL (with unknown holes) into scheme, host and port, and renders it safely for display. */
import { HOLE } from './values.js';

export type ParsedUrl =
  | { kind: 'absolute'; scheme: string; host: string; port: number | null; display: string }
  | { kind: 'unparsable'; reason: string; display: string };

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

export function parseUrl(text: string): ParsedUrl {
  const trimmed = text.trim();
  const display = displayUrl(trimmed);
  if (trimmed === '' || trimmed.startsWith(HOLE)) {
    return { kind: 'unparsable', reason: 'the URL is built from a value archcheck cannot know statically', display };
  }
  let rest: string;
  let scheme: string;
  const schemeEnd = schemeLength(trimmed);
  if (schemeEnd > 0) {
    scheme = trimmed.slice(0, schemeEnd).toLowerCase();
    rest = trimmed.slice(schemeEnd + 3);
  } else if (trimmed.startsWith('//')) {
    scheme = 'http';
    rest = trimmed.slice(2);
  } else if (trimmed.startsWith('/')) {
    return { kind: 'unparsable', reason: 'a relative URL names no host (same origin or a proxy decides)', display };
  } else {
    return { kind: 'unparsable', reason: 'the URL has no scheme and host archcheck can read', display };
  }
  let authorityEnd = rest.length;
  for (const stop of ['/', '?', '#']) {
    const at = rest.indexOf(stop);
    if (at !== -1 && at < authorityEnd) authorityEnd = at;
  }
  let authority = rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  if (authority.includes(HOLE) || authority === '') {
    return { kind: 'unparsable', reason: 'the host is not known statically', display };
  }
  const { host, port } = splitHostPort(authority);
  return {
    kind: 'absolute',
    scheme,
    host: host.toLowerCase().replace(/\.$/, ''),
    port: port ?? DEFAULT_PORTS[scheme] ?? null,
    display,
  };
}

/** `scheme://` length of the scheme, or 0. Linear, no regex backtracking. */
function schemeLength(text: string): number {
  for (let i = 0; i < text.length && i < 32; i++) {
    const code = text.charCodeAt(i);
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (i === 0 && !letter) return 0;
    if (letter || (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46) continue;
    return text.startsWith('://', i) ? i : 0;
  }
  return 0;
}

function splitHostPort(authority: string): { host: string; port: number | null } {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    const host = authority.slice(0, close + 1);
    const port = authority.slice(close + 2);
    return { host, port: parsePort(port) };
  }
  const colon = authority.lastIndexOf(':');
  if (colon === -1) return { host: authority, port: null };
  return { host: authority.slice(0, colon), port: parsePort(authority.slice(colon + 1)) };
}

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port > 0 && port < 65536 ? port : null;
}

/** The URL for people: unknown parts as `{…}`, credentials masked, control characters dropped. */
export function displayUrl(text: string): string {
  let shown = text.split(HOLE).join('{…}');
  const schemeEnd = schemeLength(shown);
  const authorityStart = schemeEnd > 0 ? schemeEnd + 3 : 0;
  const slash = shown.indexOf('/', authorityStart);
  const authority = shown.slice(authorityStart, slash === -1 ? undefined : slash);
  const at = authority.lastIndexOf('@');
  if (at !== -1) shown = shown.slice(0, authorityStart) + '***@' + shown.slice(authorityStart + at + 1);
  // eslint-disable-next-line no-control-regex
  shown = shown.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return shown.length > 200 ? `${shown.slice(0, 199)}…` : shown;
}
