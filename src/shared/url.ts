/** URL arithmetic on folded values: base-URL joins (axios `baseURL`, got `prefixUrl`) and `new URL(path, base)`. */
import type { FoldedValue, ValuePart } from '../types/index.js';
import { concat, literal, literalText } from './folded.js';

// Scheme then `//`: an absolute URL. Anchored and without nested quantifiers, so linear on any input.
const ABSOLUTE = /^[a-z][a-z\d+.-]*:\/\//i;
// Scheme, `//` and authority, followed by a path, query or fragment delimiter (or the end).
const ORIGIN = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i;

/** Whether the value starts with a literal `scheme://`. */
export function isAbsoluteUrl(value: FoldedValue): boolean {
  const first = value.parts[0];
  return first?.kind === 'literal' && ABSOLUTE.test(first.value);
}

/**
 * Joins a base URL and a path the way axios does (`combineURLs`): exactly one `/` at the join, an absolute
 * path wins over the base, an empty path gives the base. Slashes are only normalized inside literal parts.
 */
export function joinBase(base: FoldedValue | null, path: FoldedValue): FoldedValue {
  if (!base || isAbsoluteUrl(path)) return path;
  if (literalText(path) === '') return base;
  const head = mapEdge(base.parts, base.parts.length - 1, trimTrailingSlashes);
  const tail = mapEdge(path.parts, 0, trimLeadingSlashes);
  return concat([{ parts: head }, literal('/'), { parts: tail }], '');
}

/**
 * `new URL(path, base)`: an absolute path replaces the base's path (`/x` → origin of base + `/x`) when the base's
 * origin is known; fully literal inputs are resolved exactly; anything else falls back to {@link joinBase}.
 */
export function resolveUrl(path: FoldedValue, base: FoldedValue): FoldedValue {
  if (isAbsoluteUrl(path)) return path;
  const pathText = literalText(path);
  const baseText = literalText(base);
  if (pathText !== null && baseText !== null) {
    try {
      // Parsing literal strings with the WHATWG parser; nothing from the analyzed code runs.
      return literal(new URL(pathText, baseText).href);
    } catch {
      return joinBase(base, path);
    }
  }
  const first = path.parts[0];
  if (first?.kind === 'literal' && first.value.startsWith('/') && !first.value.startsWith('//')) {
    const origin = knownOrigin(base);
    if (origin !== null) return concat([literal(origin), path], '');
  }
  return joinBase(base, path);
}

/** The origin of a base whose first literal spells out scheme and host completely, else null. */
function knownOrigin(base: FoldedValue): string | null {
  const first = base.parts[0];
  if (first?.kind !== 'literal') return null;
  const match = ORIGIN.exec(first.value);
  if (!match) return null;
  const origin = match[0];
  // The host is complete only if a delimiter follows in the same literal, or nothing follows at all.
  return first.value.length > origin.length || base.parts.length === 1 ? origin : null;
}

// Loops rather than `/\/+$/`: an unanchored-start regex is quadratic on a long run of slashes.
function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
  return text.slice(0, end);
}

function trimLeadingSlashes(text: string): string {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) === 47) start++;
  return text.slice(start);
}

function mapEdge(parts: readonly ValuePart[], index: number, edit: (text: string) => string): ValuePart[] {
  return parts.map((part, i) => (i === index && part.kind === 'literal' ? { kind: 'literal', value: edit(part.value) } : part));
}
