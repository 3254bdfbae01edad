/**
 * Splits SQL text into statements with their start offsets; skips comments, psql meta-command lines and the data
 * rows of `COPY … FROM stdin` (pg_dump's seed data).
 */

/** One statement of a SQL file. */
export interface SqlStatement {
  text: string;
  /** Offset of the statement's first significant character in the file. */
  offset: number;
}

/** A psql `\connect db` / `\c db` line: later statements run in that database. */
export interface ConnectDirective {
  database: string;
  offset: number;
}

export interface SplitSql {
  statements: SqlStatement[];
  connects: ConnectDirective[];
}

/**
 * One linear pass: quotes (`'…'`, `"…"`, backticks), dollar quotes (`$tag$…$tag$`), `--` and `/* *\/` comments are
 * skipped as units so a `;` inside them never splits. A line starting with `\` is a psql meta-command, not SQL, and
 * `\g`, `\gexec`, `\gset` (psql) or `\G` (mysql) inside a statement send it, like `;`. After `COPY … FROM stdin;` or
 * psql's `\copy … from stdin` come data rows, not SQL, up to a line `\.` (or the end of the file).
 */
export function splitSql(text: string): SplitSql {
  const statements: SqlStatement[] = [];
  const connects: ConnectDirective[] = [];
  let start = -1;
  let i = 0;
  const flush = (end: number): void => {
    if (start !== -1) {
      const body = text.slice(start, end).trim();
      if (body !== '') statements.push({ text: body, offset: start });
    }
    start = -1;
  };
  while (i < text.length) {
    const c = text[i];
    const atLineStart = i === 0 || text[i - 1] === '\n';
    if (c === '\\' && atLineStart && start === -1) {
      const end = lineEnd(text, i);
      const line = text.slice(i, end);
      const match = /^\\(?:c|connect)\s+("?)([A-Za-z0-9_$-]+)\1/.exec(line);
      if (match?.[2] !== undefined) connects.push({ database: match[2], offset: i });
      i = /^\\copy\s/i.test(line) && FROM_STDIN.test(line) ? copyDataEnd(text, end) : end;
      continue;
    }
    if (c === '\\' && start !== -1 && SEND.test(text.slice(i, i + 12))) {
      flush(i);
      i = lineEnd(text, i);
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      i = lineEnd(text, i);
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (start === -1) start = i;
    if (c === ';') {
      const copyFromStdin = COPY_FROM_STDIN.test(text.slice(start, start + 5)) && FROM_STDIN.test(text.slice(start, i));
      flush(i);
      i = copyFromStdin ? copyDataEnd(text, lineEnd(text, i)) : i + 1;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      i = closeQuote(text, i, c);
      continue;
    }
    if (c === '$') {
      const close = closeDollarQuote(text, i);
      if (close !== null) {
        i = close;
        continue;
      }
    }
    i++;
  }
  flush(text.length);
  return { statements, connects };
}

/** psql's `\g`, `\gexec`, `\gset`, `\gx` and mysql's `\G` and `\g`: send the statement typed so far. */
const SEND = /^\\(?:g[a-z]*|G)\b/;
const COPY_FROM_STDIN = /^copy\s/i;
const FROM_STDIN = /\bfrom\s+stdin\b/i;

/** Offset after the `\.` line ending the COPY data that starts at `from`; the end of the text when none does. */
function copyDataEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const end = lineEnd(text, at);
    if (/^\\\.\r?\n?$/.test(text.slice(at, Math.min(end, at + 4)))) return end;
    at = end;
  }
  return text.length;
}

/** Index after a dollar-quoted string (`$$…$$`, `$tag$…$tag$`) opening at `open`, or null when none opens there. */
export function closeDollarQuote(text: string, open: number): number | null {
  const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(open, open + 64));
  if (tag === null) return null;
  const close = text.indexOf(tag[0], open + tag[0].length);
  return close === -1 ? text.length : close + tag[0].length;
}

/** Offset after the line holding `from` (past its newline). */
export function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline + 1;
}

/** Index after the closing quote; a doubled quote is an escaped one. */
export function closeQuote(text: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < text.length) {
    if (text[i] === '\\' && quote === "'") {
      i += 2;
      continue;
    }
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}
