/** Small text helpers shared by the text reporter's sections. */
export { compareStrings } from '../shared/compare.js';
import type { SourceLocation } from '../types/location.js';
import { sanitize } from './sanitize.js';

/** `1 error`, `2 errors`; `plural` defaults to `singular + 's'`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Display name of a graph node key: `service:orders` → `orders`, `external:api.stripe.com` → `api.stripe.com`. */
export function nodeLabel(key: string): string {
  const match = /^(?:service|library|external):(.*)$/s.exec(key);
  return sanitize(match?.[1] ?? key);
}

/** `path:line:column` (column only when known), sanitized. */
export function formatLocation(location: SourceLocation): string {
  const column = location.column === undefined ? '' : `:${location.column}`;
  return `${sanitize(location.file)}:${location.line}${column}`;
}

/** Pads plain (uncolored) text to `width` so columns line up before styles are applied. */
export function pad(text: string, width: number): string {
  return text.padEnd(width, ' ');
}

/** Widest string's length, 0 for none. */
export function widest(texts: readonly string[]): number {
  return texts.reduce((max, text) => Math.max(max, text.length), 0);
}

