/** `*.sql` files (DDL, migrations, seeds) → tables, foreign keys and risky migration steps. */
import type { AnalysisError, Evidence, Extractor, ExtractOutput, Fact, SourceFile } from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { extractError, guarded } from '../manifests/report.js';
import { guessDialect, parseStatement, preparePostgres } from './parsers.js';
import { splitSql } from './split.js';
import { effectFacts } from './facts.js';

const ID = 'sql';

/** Reads SQL files: every statement is parsed on its own so one bad statement costs only itself. */
export const sqlExtractor: Extractor = {
  id: ID,
  matches: (path) => path.toLowerCase().endsWith('.sql'),
  prepare: preparePostgres,
  extract: (file: SourceFile): ExtractOutput => guarded(ID, file.path, () => extractSql(file)),
};

/** Rollback files (`0001_x.down.sql`) undo a migration; they never run forward, so they say nothing about owners. */
const ROLLBACK_FILE = /(?:^|[._/-])down\.sql$/i;
/** Section markers of dbmate, sql-migrate and goose: what follows is the rollback. */
const DOWN_SECTION = /^--\s*(?:migrate:down|\+migrate\s+down|\+goose\s+down)\b/im;

function extractSql(file: SourceFile): ExtractOutput {
  if (ROLLBACK_FILE.test(file.path)) return { facts: [], errors: [] };
  const lines = new LineIndex(file.text);
  const down = DOWN_SECTION.exec(file.text);
  const { statements, connects } = splitSql(down === null ? file.text : file.text.slice(0, down.index));
  const dialect = guessDialect(file.text);
  const facts: Fact[] = [];
  const errors: AnalysisError[] = [];
  for (const statement of statements) {
    const effects = parseStatement(statement.text, dialect);
    const at = lines.position(statement.offset);
    if (effects === null) {
      errors.push(
        extractError(file.path, 'sql-parse-error', 'Neither SQL parser could read this statement; it was skipped.', at),
      );
      continue;
    }
    // The database a statement runs in is the last `\connect` before it.
    let database: string | null = null;
    for (const connect of connects) if (connect.offset < statement.offset) database = connect.database;
    const locate = (offset: number): Evidence => lines.evidence(file.path, statement.offset + offset);
    facts.push(...effectFacts(effects, lines.evidence(file.path, statement.offset), database, ID, 'sql', locate));
  }
  return { facts, errors };
}
