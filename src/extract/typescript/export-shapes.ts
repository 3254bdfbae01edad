/**
 * Text-level shapes of export statements, for the prefilter: which ones can never give an exported-value fact,
 * so a file holding only those needs no AST. Anything not recognized here counts as a possible value.
 */
import { FOLDABLE_CALL_NAMES } from './fold.js';

// Declarations that are not variables. After `default`, only keywords that cannot be an identifier count
// (`export default type` exports a variable named `type`).
const DECLARATION = new RegExp(
  '^export\\s+(?:(?:declare|interface|type|function|class|abstract|namespace|module)\\b|async\\s+function\\b|' +
    '@|default\\s+(?:(?:function|class|interface)\\b|(?:abstract\\s+class|async\\s+function)\\b|@))',
);
// `export const name =` (no type annotation) or `export default`, up to the initializer.
const INITIALIZED = /^export\s+(?:(?:const|let|var)\s+[\w$]+\s*=(?!=)|default\s)\s*/;
// Functions and classes: never a value.
const FUNCTION_LIKE = /^(?:function\b|class\b|async\s+function\b|async\s*\(|(?:async\s+)?[\w$]+\s*=>)/;
// A call or tagged template: `name(`, `a.b.c(`, `` gql` ``; group 1 is the callee chain.
const CALL = /^([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*[(`]/;
// How much of a statement the shapes need to see.
const WINDOW = 256;

/** Whether the export statement `[start, end)` with `entries` record entries certainly exports no value evidence. */
export function isValuelessExport(text: string, start: number, end: number, entries: number): boolean {
  const head = text.slice(start, Math.min(end, start + WINDOW));
  if (DECLARATION.test(head)) return true;
  const initialized = entries === 1 ? INITIALIZED.exec(head) : null;
  return initialized ? isOpaque(head.slice(initialized[0].length)) : false;
}

/** Initializers that fold to nothing: functions, arrows, classes, tagged templates, calls of non-foldable names. */
function isOpaque(init: string): boolean {
  if (FUNCTION_LIKE.test(init)) return true;
  if (init.startsWith('(')) return isArrowHead(init);
  const call = CALL.exec(init);
  if (!call?.[1]) return false;
  return call[1].split('.').every((name) => !FOLDABLE_CALL_NAMES.has(name.trim()) && name.trim() !== 'new');
}

/** `(a, { b }: T) =>` or `(…): R =>`: a parameter list, told from a parenthesized expression by what follows. */
function isArrowHead(init: string): boolean {
  let depth = 0;
  for (let i = 0; i < init.length; i++) {
    const c = init[i];
    // Strings, templates, comments and regexes could hide parentheses: do not guess.
    if (c === "'" || c === '"' || c === '`' || c === '/') return false;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return /^\s*(?:=>|:)/.test(init.slice(i + 1));
  }
  return false;
}
