/**
 * Tables for the nesting guard's lexer: how much native parser stack each construct costs per nesting level,
 * and which words continue or start statements. Weights are measured on oxc-parser 0.159 (main thread, 8 MB):
 * bytes of stack per level divided by ~100.
 */

/** Stack units per nesting level of each construct. */
export const WEIGHT = {
  /** `(` (also calls, parameter lists) and `{` (objects, blocks): ~1.4 KB per level. */
  paren: 14,
  /** `[`: ~1 KB. */
  bracket: 10,
  /** `${` in a template: ~2 KB. */
  template: 20,
  /** `?` of a conditional: ~1 KB (its `:` adds {@link WEIGHT.colon}). */
  conditional: 10,
  /** `=`, `=>`, compound assignment: right-associative, ~1 KB. */
  assignment: 10,
  /** `:`: labels cost ~1.25 KB per level. */
  colon: 13,
  /** `<` after a name: nested generics cost ~1.9 KB. */
  generic: 19,
  /** A JSX tag: ~0.5 KB; closing tags give it back. */
  jsx: 5,
  /** Prefix `!`, `~`, `+`, `-`: ~0.3 KB. */
  unary: 3,
  /** `**`: ~0.35 KB. */
  power: 4,
  /** `.` of a member chain: ~0.05–0.1 KB. */
  member: 1,
  /** `@` right after `@` (`@@@…`): decorators nest, ~0.65 KB (oxc 0.154 overflowed 8 MB near 13,000). */
  decorator: 7,
} as const;

/** Keywords that nest what follows, with their weight. */
export const CHAIN_KEYWORDS: ReadonlyMap<string, number> = new Map([
  ['if', 13],
  ['while', 13],
  ['for', 13],
  ['with', 13],
  ['do', 13],
  ['new', 5],
  ['typeof', 3],
  ['void', 3],
  ['delete', 3],
  ['keyof', 3],
  ['readonly', 3],
  ['infer', 3],
  ['unique', 3],
  ['await', 2],
  ['yield', 2],
]);

/** Keywords whose parenthesized header may be followed by a body on the next line (no statement break there). */
export const CONTROL_WORDS: ReadonlySet<string> = new Set(['if', 'for', 'while', 'with']);

/** Words that continue the previous line's statement instead of starting one. */
export const CONTINUATION_WORDS: ReadonlySet<string> = new Set([
  'in',
  'instanceof',
  'of',
  'as',
  'satisfies',
  'else',
  'catch',
  'finally',
  'extends',
  'implements',
]);

/** Words after which an expression starts (so a `/` there begins a regular expression). */
export const EXPRESSION_BEFORE: ReadonlySet<string> = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
  'extends',
  'keyof',
  'infer',
  'readonly',
  'unique',
  'as',
  'satisfies',
  'default',
  'if',
  'while',
  'for',
  'with',
  'switch',
]);

/** Offset just past a string literal whose opening quote is before `pos`; an unterminated one ends at the line break. */
export function stringEnd(text: string, pos: number, quote: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === quote) return i + 1;
    else if (isLineBreak(c)) return i;
    else i++;
  }
  return text.length;
}

/** Offset of the `` ` `` ending a template's text, or of the `$` of its next `${`, or the text's length. */
export function templateTextEnd(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === 96 || (c === 36 && text.charCodeAt(i + 1) === 123)) return i;
    else i++;
  }
  return text.length;
}

/** Offset just past a regular expression literal (body and flags) whose `/` is before `pos`. */
export function regexEnd(text: string, pos: number): number {
  let i = pos;
  let inClass = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) break;
    i += c === 92 ? 2 : 1;
    if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 47 && !inClass) break;
  }
  while (i < text.length && isIdentifierPart(text.charCodeAt(i))) i++;
  return i;
}

/** `text` with the given ranges replaced by spaces, line breaks kept (UTF-16 offsets and lines unchanged). */
export function blank(text: string, ranges: readonly [number, number][]): string {
  let out = '';
  let last = 0;
  for (const [from, to] of ranges) {
    out += text.slice(last, from) + text.slice(from, to).replace(/[^\n\r\u2028\u2029]/g, ' ');
    last = to;
  }
  return out + text.slice(last);
}

/** ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Line terminators of ECMAScript. */
export function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** Identifier start: ASCII letters, `_`, `$`, `\` (unicode escape), any non-ASCII code unit but line breaks. */
export function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c === 92 || isWordUnicode(c);
}

/** Identifier part: an identifier start or a digit. */
export function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= 48 && c <= 57);
}

function isWordUnicode(c: number): boolean {
  return c >= 128 && c !== 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029;
}

/** Whether `text[at]` (a backslash) starts a valid identifier escape: `\u` and four hex digits, or `\u{hex}`. */
export function isUnicodeEscape(text: string, at: number): boolean {
  if (text.charCodeAt(at + 1) !== 117) return false;
  if (text.charCodeAt(at + 2) === 123) {
    let i = at + 3;
    while (i < text.length && i - at < 12 && /[0-9a-fA-F]/.test(text[i] ?? '')) i++;
    return i > at + 3 && text.charCodeAt(i) === 125;
  }
  return /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6));
}
