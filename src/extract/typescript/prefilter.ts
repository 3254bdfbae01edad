/**
 * Decides whether a file needs its AST at all. Materializing oxc's AST (JSON.parse of the whole tree) costs more
 * than parsing, and most files hold nothing but imports (which the module record already gives), so files
 * without a trigger skip it. Must over-approximate: every detection the AST walk can make needs a trigger.
 */
import type { EcmaScriptModule } from 'oxc-parser';

/**
 * Substrings without which no detector can fire:
 * - `require`: `require('x')`, `import x = require('x')`;
 * - `fetch`, `axios`, `got`: every client binding is imported, required or global under that name (the
 *   module specifiers `node-fetch`, `cross-fetch`, `isomorphic-fetch` contain `fetch`; `undici`'s export is `fetch`);
 * - `HttpService`: NestJS receivers are recognized by that imported type;
 * - `listen`: listen facts;
 * - `exports`: CommonJS exports;
 * - `\u`: an identifier spelled with unicode escapes (`\u0066etch`) would hide every other token.
 */
export const TRIGGER_TOKENS: readonly string[] = ['require', 'fetch', 'axios', 'got', 'HttpService', 'listen', 'exports', '\\u'];

// Export statements that never produce an exported-value fact: declarations that are not variables. After
// `default`, only keywords that cannot be an identifier count (`export default type` exports a variable `type`).
const NON_VALUE_EXPORT = new RegExp(
  '^export\\s+(?:(?:declare|interface|type|function|class|abstract|enum|namespace|module)\\b|async\\s+function\\b|' +
    'const\\s+enum\\b|@|default\\s+(?:(?:function|class|interface)\\b|(?:abstract\\s+class|async\\s+function)\\b|@))',
);
// Longest prefix of an export statement the pattern needs to see.
const EXPORT_PREFIX = 48;

/** Whether the AST must be walked: some trigger token occurs, or some export may be a value. */
export function needsFullWalk(text: string, record: EcmaScriptModule): boolean {
  for (const token of TRIGGER_TOKENS) if (text.includes(token)) return true;
  return hasValueExport(text, record);
}

function hasValueExport(text: string, record: EcmaScriptModule): boolean {
  let statements = 0;
  for (const statement of record.staticExports) {
    statements++;
    const local = statement.entries.some((entry) => entry.moduleRequest === null && !entry.isType);
    if (local && !NON_VALUE_EXPORT.test(text.slice(statement.start, statement.start + EXPORT_PREFIX))) return true;
  }
  // `export = x` and `export import x = …` are not in the record: an `export` keyword it does not account for.
  return countWord(text, 'export') > statements;
}

/** Occurrences of `word` not inside a longer identifier (comments and strings included: over-counting is safe). */
function countWord(text: string, word: string): number {
  let count = 0;
  for (let index = text.indexOf(word); index >= 0; index = text.indexOf(word, index + word.length)) {
    if (!isIdentifierChar(text.charCodeAt(index - 1)) && !isIdentifierChar(text.charCodeAt(index + word.length))) count++;
  }
  return count;
}

function isIdentifierChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 36 || code === 95
  );
}
