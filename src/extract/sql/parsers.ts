/**
 * The two SQL parsers behind one call: libpg-query (PostgreSQL's own grammar, WebAssembly, loaded once by
 * {@link preparePostgres}) and node-sql-parser (MySQL, MariaDB, SQLite). Each statement is tried with the parser
 * its dialect suggests, then the other; only a statement neither reads is reported.
 */
import { createRequire } from 'node:module';
import { loadModule, parseSync } from 'libpg-query';
import type { Parser } from 'node-sql-parser';
import { MYSQL_NAMING, items, postgresFolding, prop, type Naming, type SqlEffect } from './effects.js';
import { quotedIdentifiers, withoutComments } from './clauses.js';
import { mysqlEffects } from './mysql.js';
import { PgSource, postgresEffects } from './postgres.js';

let postgresReady = false;
let loading: Promise<void> | null = null;
let mysqlParser: Parser | null = null;

/**
 * node-sql-parser costs 30 MB of memory to load, and most repositories never need it (no MySQL, or PostgreSQL
 * that libpg-query reads), so it is loaded on first use. It is CommonJS, so a synchronous require works.
 */
function mysql(): Parser {
  if (mysqlParser === null) {
    const loaded: typeof import('node-sql-parser') = createRequire(import.meta.url)('node-sql-parser');
    mysqlParser = new loaded.Parser();
  }
  return mysqlParser;
}

/** Loads libpg-query's WebAssembly once; without it PostgreSQL statements go to node-sql-parser only. */
export function preparePostgres(): Promise<void> {
  loading ??= loadModule().then(
    () => {
      postgresReady = true;
    },
    () => {
      // A missing or broken wasm leaves the fallback parser in charge; parse failures are reported per statement.
      postgresReady = false;
    },
  );
  return loading;
}

export type Dialect = 'postgres' | 'mysql';

/** MySQL-only syntax: backticks, `ENGINE=`, `AUTO_INCREMENT`, `UNSIGNED`. */
const MYSQL_HINT = /`|\bENGINE\s*=|\bAUTO_INCREMENT\b|\bUNSIGNED\b/i;

/** The dialect a file most likely uses, judged by its SQL, not its comments. */
export function guessDialect(text: string): Dialect {
  return MYSQL_HINT.test(withoutComments(text)) ? 'mysql' : 'postgres';
}

/** Effects of one statement, or null when neither parser reads it. */
export function parseStatement(sql: string, dialect: Dialect): SqlEffect[] | null {
  const order: Dialect[] = dialect === 'postgres' ? ['postgres', 'mysql'] : ['mysql', 'postgres'];
  for (const attempt of order) {
    const effects = attempt === 'postgres' ? viaPostgres(sql) : viaMysql(sql, dialect);
    if (effects !== null) return effects;
  }
  return null;
}

function viaPostgres(sql: string): SqlEffect[] | null {
  if (!postgresReady) return null;
  try {
    const tree: unknown = parseSync(sql);
    const source = new PgSource(sql);
    return items(tree, 'stmts').flatMap((entry) => {
      const location = prop(entry, 'stmt_location');
      const length = prop(entry, 'stmt_len');
      const start = typeof location === 'number' ? location : 0;
      // `stmt_len` 0 (or absent) means "to the end of the text".
      const end = typeof length === 'number' && length > 0 ? source.offset(start + length) : sql.length;
      return postgresEffects(prop(entry, 'stmt'), source, { start: source.offset(start), end });
    });
  } catch {
    return null;
  }
}

/**
 * A statement libpg-query rejects is not PostgreSQL, so node-sql-parser's names are MySQL's, as written. Only without
 * the wasm does PostgreSQL text reach node-sql-parser; PostgreSQL's folding is applied to it then.
 */
function viaMysql(sql: string, dialect: Dialect): SqlEffect[] | null {
  const postgresText = dialect === 'postgres' && !postgresReady;
  const naming: Naming = postgresText ? postgresFolding(quotedIdentifiers(sql)) : MYSQL_NAMING;
  for (const database of ['mysql', 'mariadb', 'sqlite']) {
    try {
      const parsed: unknown = mysql().astify(sql, { database });
      const asts = Array.isArray(parsed) ? parsed : [parsed];
      // Clauses are found in the text only when it holds this one statement.
      const source = { sql: asts.length === 1 ? sql : null, naming, comments: postgresText ? ('postgres' as const) : ('mysql' as const) };
      return asts.flatMap((ast) => mysqlEffects(ast, source));
    } catch {
      // try the next dialect
    }
  }
  return null;
}
