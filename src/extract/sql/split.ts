/** Splits SQL text into statements with their start offsets; skips comments and psql meta-command lines. */

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
 * skipped as units so a `;` inside them never splits. A line starting with `\` is a psql meta-command, not SQL.
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
      const match = /^\\(?:c|connect)\s+("?)([A-Za-z0-9_$-]+)\1/.exec(text.slice(i, end));
      if (match?.[2] !== undefined) connects.push({ database: match[2], offset: i });
      i = end;
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
      flush(i);
      i++;
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
