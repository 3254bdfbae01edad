/** SQL text in code → data facts: folds the string, puts placeholders in unknown parts, parses with the SQL parsers. */
import type { Evidence, Fact, FoldedValue } from '../../../types/index.js';
import { effectFacts } from '../../sql/facts.js';
import { guessDialect, parseStatement } from '../../sql/parsers.js';
import { splitSql } from '../../sql/split.js';
import { EXTRACTOR_ID } from '../context.js';

/** Statements worth parsing: a string that starts like SQL (a log message or URL never does). */
const LOOKS_LIKE_SQL = /^\s*(?:select|insert|update|delete|with|create|alter|drop|truncate|merge|replace)\b/i;

/** SQL text of a folded value with `$1`-style placeholders where parts are unknown; null when no literal starts it. */
export function sqlTextOf(value: FoldedValue): string | null {
  let text = '';
  let holes = 0;
  for (const part of value.parts) {
    if (part.kind === 'literal') text += part.value;
    else text += `$${++holes}`;
  }
  return LOOKS_LIKE_SQL.test(text) ? text : null;
}

/** Facts for SQL text run by code at `location`; unparsable text is dropped silently (it may not be SQL at all). */
export function sqlFacts(text: string, location: Evidence, client: string): Fact[] {
  const facts: Fact[] = [];
  const dialect = guessDialect(text);
  for (const statement of splitSql(text).statements) {
    const effects = parseStatement(statement.text, dialect);
    if (effects !== null) facts.push(...effectFacts(effects, location, null, EXTRACTOR_ID, client));
  }
  return facts;
}
