/**
 * A lexical view of SQL text for what the parsers do not give: the text of each comma-separated action of `ALTER
 * TABLE` and of each element of `CREATE TABLE (…)`, the identifiers written in double quotes, the text without its
 * comments. Each is one linear pass; strings, quoted identifiers, dollar quotes and comments are skipped as units, the
 * way the statement splitter skips them.
 */
import { closeDollarQuote, closeQuote, lineEnd } from './split.js';

/** Start and end (exclusive) offsets of a clause in the statement text, from its first to its last token. */
export interface Span {
  start: number;
  end: number;
}

const WORD = 0;
const QUOTED = 1;
const STRING = 2;
const PUNCT = 3;

/**
 * The significant tokens of a statement as parallel arrays (no object per token: a hostile statement has millions).
 * `depth` is the parentheses open around a token; an opening or closing parenthesis has the depth outside it.
 */
interface Tokens {
  kind: number[];
  start: number[];
  end: number[];
  depth: number[];
}

/** `#` starts a comment in MySQL only; in PostgreSQL it is an operator. */
export type CommentStyle = 'postgres' | 'mysql';

const NON_ASCII_WORD = /[\p{L}\p{N}]/u;

/** Letters, digits, `_` and `$` (PostgreSQL and MySQL identifier characters); non-ASCII letters too. */
function isWordChar(sql: string, i: number): boolean {
  const code = sql.charCodeAt(i);
  if (code >= 128) return NON_ASCII_WORD.test(sql.charAt(i));
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

function tokenize(sql: string, style: CommentStyle): Tokens {
  const tokens: Tokens = { kind: [], start: [], end: [], depth: [] };
  const push = (kind: number, start: number, end: number, depth: number): void => {
    tokens.kind.push(kind);
    tokens.start.push(start);
    tokens.end.push(end);
    tokens.depth.push(depth);
  };
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql.charAt(i);
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
    } else if ((c === '-' && sql[i + 1] === '-') || (c === '#' && style === 'mysql')) {
      i = lineEnd(sql, i);
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      i = closeQuote(sql, i, c);
      push(c === "'" ? STRING : QUOTED, start, i, depth);
    } else if (isWordChar(sql, i)) {
      const dollar = c === '$' ? closeDollarQuote(sql, i) : null;
      if (dollar !== null) {
        i = dollar;
        push(STRING, start, i, depth);
        continue;
      }
      while (i < sql.length && isWordChar(sql, i)) i++;
      push(WORD, start, i, depth);
    } else {
      if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
      push(PUNCT, start, i + 1, depth);
      if (c === '(' || c === '[') depth++;
      i++;
    }
  }
  return tokens;
}

/** Reads tokens in order, with keyword tests. */
class Cursor {
  index = 0;

  constructor(
    readonly sql: string,
    readonly tokens: Tokens,
  ) {}

  get done(): boolean {
    return this.index >= this.tokens.kind.length;
  }

  is(word: string, ahead = 0): boolean {
    const at = this.index + ahead;
    const start = this.tokens.start[at] ?? 0;
    const end = this.tokens.end[at] ?? 0;
    return this.tokens.kind[at] === WORD && end - start === word.length && this.sql.slice(start, end).toUpperCase() === word;
  }

  isPunct(char: string, ahead = 0): boolean {
    const at = this.index + ahead;
    return this.tokens.kind[at] === PUNCT && this.sql.charAt(this.tokens.start[at] ?? -1) === char;
  }

  isName(ahead = 0): boolean {
    const kind = this.tokens.kind[this.index + ahead];
    return kind === WORD || kind === QUOTED;
  }

  /** Skips a possibly qualified name (`billing.invoices`, `"Order"`); false when no name is there. */
  skipName(): boolean {
    if (!this.isName()) return false;
    this.index++;
    while (this.isPunct('.') && this.isName(1)) this.index += 2;
    return true;
  }
}

/** The comma-separated items from `cursor` on at `depth`, up to a `;` or a parenthesis closing below `depth`. */
function listItems(cursor: Cursor, depth: number): Span[] {
  const { kind, start, end, depth: depths } = cursor.tokens;
  const spans: Span[] = [];
  let first = -1;
  let last = -1;
  for (; !cursor.done; cursor.index++) {
    const at = cursor.index;
    const tokenDepth = depths[at] ?? 0;
    if (tokenDepth < depth) break;
    const char = kind[at] === PUNCT ? cursor.sql.charAt(start[at] ?? -1) : '';
    if (tokenDepth === depth && (char === ',' || char === ';')) {
      if (first !== -1) spans.push({ start: first, end: last });
      first = -1;
      if (char === ';') break;
      continue;
    }
    if (first === -1) first = start[at] ?? 0;
    last = end[at] ?? 0;
  }
  if (first !== -1) spans.push({ start: first, end: last });
  return spans;
}

/**
 * The actions of `ALTER [ONLINE | IGNORE] TABLE [IF EXISTS] [ONLY] name [*] action, action…` in order, or none when
 * the statement does not start that way. An action's span runs from its first keyword to its last token.
 */
export function alterTableActions(sql: string, style: CommentStyle): Span[] {
  const cursor = new Cursor(sql, tokenize(sql, style));
  if (!cursor.is('ALTER')) return [];
  cursor.index++;
  while (cursor.is('ONLINE') || cursor.is('IGNORE')) cursor.index++;
  if (!cursor.is('TABLE')) return [];
  cursor.index++;
  if (cursor.is('IF') && cursor.is('EXISTS', 1)) cursor.index += 2;
  if (cursor.is('ONLY')) cursor.index++;
  if (!cursor.skipName()) return [];
  if (cursor.isPunct('*')) cursor.index++;
  return listItems(cursor, 0);
}

/** The column definitions and constraints inside the first top-level parentheses of `CREATE TABLE`, in order. */
export function createTableElements(sql: string, style: CommentStyle): Span[] {
  const cursor = new Cursor(sql, tokenize(sql, style));
  if (!cursor.is('CREATE')) return [];
  while (!cursor.done && !cursor.is('TABLE')) cursor.index++;
  while (!cursor.done && !cursor.isPunct('(')) {
    if (cursor.is('AS') || cursor.is('LIKE') || cursor.is('SELECT')) return [];
    cursor.index++;
  }
  if (cursor.done) return [];
  cursor.index++;
  return listItems(cursor, 1);
}

/** The contents of every `"…"` identifier (doubled quotes undone): PostgreSQL keeps their case. */
export function quotedIdentifiers(sql: string): Set<string> {
  const names = new Set<string>();
  const { kind, start, end } = tokenize(sql, 'postgres');
  kind.forEach((tokenKind, at) => {
    const from = start[at] ?? 0;
    if (tokenKind === QUOTED && sql.charAt(from) === '"') names.add(sql.slice(from + 1, (end[at] ?? 0) - 1).replaceAll('""', '"'));
  });
  return names;
}

/**
 * The text with its `--` and `/* *\/` comments blanked, strings kept: a comment is prose, and Prisma's migration
 * warnings quote names in backticks (`` `legacyStatus` on the `Order` table``) that must not make PostgreSQL look
 * like MySQL.
 */
export function withoutComments(sql: string): string {
  let result = '';
  let copied = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql.charAt(i);
    let close = -1;
    if (c === '-' && sql[i + 1] === '-') close = lineEnd(sql, i);
    else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      close = end === -1 ? sql.length : end + 2;
    }
    if (close !== -1) {
      result += `${sql.slice(copied, i)} `;
      copied = close;
      i = close;
    } else if (c === "'" || c === '"' || c === '`') i = closeQuote(sql, i, c);
    else i = (c === '$' ? closeDollarQuote(sql, i) : null) ?? i + 1;
  }
  return result + sql.slice(copied);
}

/** The span holding `offset`, found by binary search over spans in text order. */
export function spanAt(spans: readonly Span[], offset: number): Span | null {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid];
    if (span === undefined) return null;
    if (offset < span.start) high = mid - 1;
    else if (offset >= span.end) low = mid + 1;
    else return span;
  }
  return null;
}
