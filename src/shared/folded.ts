/** Building FoldedValues: part constructors, concatenation with literal merging, the part cap, source text. */
import type { FoldedValue, ValuePart } from '../types/index.js';

/** Most parts a folded value may have; longer results collapse to one `unknown` part. */
export const MAX_PARTS = 64;
/** Longest `unknown` text kept. */
export const MAX_UNKNOWN_TEXT = 80;
// Never look at more than this much source for an unknown part, whatever the node's size.
const SOURCE_WINDOW = 400;

/** A value known exactly. */
export function literal(value: string): FoldedValue {
  return { parts: [{ kind: 'literal', value }] };
}

/** A value static analysis cannot know; `text` is cut to {@link MAX_UNKNOWN_TEXT} characters. */
export function unknownValue(text: string): FoldedValue {
  return { parts: [{ kind: 'unknown', text: cutText(text) }] };
}

/** An environment variable, optionally with a fallback (`?? 'x'`). */
export function envValue(name: string, fallback?: FoldedValue): FoldedValue {
  return { parts: [fallback ? { kind: 'env', name, fallback } : { kind: 'env', name }] };
}

/** A binding imported from another module, with the member path read from it. */
export function importValue(specifier: string, name: string, path: string[]): FoldedValue {
  return { parts: [{ kind: 'import', specifier, name, path }] };
}

/** Source text of `[start, end)` as one line: whitespace and control characters collapsed, at most 80 chars. */
export function sourceText(text: string, start: number, end: number): string {
  return cutText(text.slice(start, Math.min(end, start + SOURCE_WINDOW)));
}

function cutText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = raw.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length > MAX_UNKNOWN_TEXT ? `${flat.slice(0, MAX_UNKNOWN_TEXT - 1)}…` : flat;
}

/**
 * Concatenates values, merging adjacent literals and dropping empty ones. When the result would exceed
 * {@link MAX_PARTS}, returns one `unknown` part with `text` instead (bounded output, whatever the input).
 */
export function concat(values: readonly FoldedValue[], text: string): FoldedValue {
  const parts: ValuePart[] = [];
  for (const value of values) {
    for (const part of value.parts) {
      if (part.kind === 'literal') {
        if (part.value === '') continue;
        const last = parts[parts.length - 1];
        if (last?.kind === 'literal') {
          parts[parts.length - 1] = { kind: 'literal', value: last.value + part.value };
          continue;
        }
      }
      parts.push(part);
    }
  }
  if (parts.length > MAX_PARTS) return unknownValue(text);
  return parts.length === 0 ? literal('') : { parts };
}

/** The text of a value made only of literal parts, else null. */
export function literalText(value: FoldedValue): string | null {
  let text = '';
  for (const part of value.parts) {
    if (part.kind !== 'literal') return null;
    text += part.value;
  }
  return text;
}

/** The only part of a one-part value, else null. */
export function onlyPart(value: FoldedValue): ValuePart | null {
  return value.parts.length === 1 ? (value.parts[0] ?? null) : null;
}

/** Whether any part is known (literal, env or import), i.e. the value carries some evidence. */
export function hasKnownPart(value: FoldedValue): boolean {
  return value.parts.some((part) => part.kind !== 'unknown');
}

/** Whether the value is entirely unknown. */
export function isUnknown(value: FoldedValue): boolean {
  return !hasKnownPart(value);
}

/**
 * Attaches `fallback` to a one-part env value (`process.env.A ?? 'x'`); for a chain (`A ?? B ?? 'x'`) the
 * fallback goes to the innermost env that has none. Returns null when `value` is not one env part.
 */
export function withFallback(value: FoldedValue, fallback: FoldedValue): FoldedValue | null {
  const part = onlyPart(value);
  if (part?.kind !== 'env') return null;
  if (!part.fallback) return envValue(part.name, fallback);
  const inner = withFallback(part.fallback, fallback);
  return envValue(part.name, inner ?? part.fallback);
}
