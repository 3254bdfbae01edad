/** `schema.prisma` → the datasource connection, model tables (`@@map`, `@@schema`) and relations as foreign keys. */
import type { AnalysisError, DbConnectionFact, Evidence, Extractor, ExtractOutput, Fact, FoldedValue, SourceFile } from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { extractError, guarded } from '../manifests/report.js';
import { tableRef } from '../sql/effects.js';

const ID = 'prisma';

const PROVIDER_ENGINE: Record<string, string> = {
  postgresql: 'postgres',
  postgres: 'postgres',
  cockroachdb: 'postgres',
  mysql: 'mysql',
  sqlserver: 'sqlserver',
  sqlite: 'sqlite',
  mongodb: 'mongodb',
};

interface Model {
  name: string;
  table: string;
  schema: string | null;
  /** Fields that may hold a column, in order; `enumOrRelation` when only the file's `enum` blocks can settle the type. */
  fields: { name: string; column: string; type: string; enumOrRelation: boolean }[];
  /** Relation fields that hold the foreign key: target model, local columns, line. */
  relations: { target: string; columns: string[]; line: number }[];
  line: number;
}

/** Reads Prisma schema files (single-file and `prisma/schema/*.prisma` multi-file layouts). */
export const prismaExtractor: Extractor = {
  id: ID,
  matches: (path) => path.endsWith('.prisma'),
  extract: (file: SourceFile): ExtractOutput => guarded(ID, file.path, () => extractPrisma(file)),
};

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes', 'Unsupported']);

const BLOCK = /^\s*(model|datasource|view|enum|generator|type)\s+(\w+)\s*\{/;

function extractPrisma(file: SourceFile): ExtractOutput {
  const lines = new LineIndex(file.text);
  const source = file.text.split('\n');
  const facts: Fact[] = [];
  const models: Model[] = [];
  const enums = new Set<string>();
  let block: { kind: string; name: string; line: number } | null = null;
  let model: Model | null = null;
  let datasource: DbConnectionFact | null = null;
  const errors: AnalysisError[] = [];
  // An object, not a `let`: TypeScript does not see assignments made inside the forEach callback.
  const openLine = { value: 0 };
  source.forEach((raw, index) => {
    const line = index + 1;
    const code = stripComment(raw).trim();
    // Issue #5: an invalid schema is reported at its first bad line, not silently half-read.
    if (errors.length === 0 && !balanced(code)) errors.push(invalidPrisma(file.path, line, 'unbalanced brackets or parentheses'));
    if (block === null) {
      const open = BLOCK.exec(code);
      if (open === null) {
        if (code !== '' && errors.length === 0) errors.push(invalidPrisma(file.path, line, 'text outside any block'));
        return;
      }
      block = { kind: open[1] ?? '', name: open[2] ?? '', line };
      openLine.value = line;
      if (block.kind === 'model') model = { name: block.name, table: block.name, schema: null, fields: [], relations: [], line };
      if (block.kind === 'enum' || block.kind === 'type') enums.add(block.name);
      if (block.kind === 'datasource') {
        datasource = { kind: 'db-connection', client: 'prisma', engine: null, url: null, parts: {}, location: lines.evidenceAtLine(file.path, line), extractor: ID };
      }
      return;
    }
    if (code.startsWith('}')) {
      if (model !== null) models.push(model);
      if (datasource !== null) facts.push(datasource);
      block = null;
      openLine.value = 0;
      model = null;
      datasource = null;
      return;
    }
    if (datasource !== null) readDatasource(datasource, code, lines.evidenceAtLine(file.path, line));
    if (model !== null) readModelLine(model, code, line);
  });
  if (openLine.value !== 0 && errors.length === 0) errors.push(invalidPrisma(file.path, openLine.value, 'a block is never closed'));
  const byName = new Map(models.map((entry) => [entry.name, entry]));
  for (const entry of models) {
    const location = lines.evidenceAtLine(file.path, entry.line);
    const table = tableRef(entry.schema, entry.table);
    // `model` lets the client's `prisma.order` and relations from other files of a multi-file schema find the table.
    // A field typed by a name this file does not declare as an enum or composite type is taken for a relation.
    const fields = entry.fields.filter((field) => !field.enumOrRelation || enums.has(field.type));
    const columns = fields.map((field) => field.column);
    // `fromEntries` defines own properties, so a field named `__proto__` stays a plain key.
    const fieldColumns = Object.fromEntries(fields.map((field) => [field.name, field.column]));
    facts.push({ kind: 'db-table', source: 'prisma', table, columns, database: null, model: entry.name, fieldColumns, location, extractor: ID });
    for (const relation of entry.relations) {
      const target = byName.get(relation.target);
      const to = target === undefined ? tableRef(null, relation.target) : tableRef(target.schema, target.table);
      facts.push({
        kind: 'db-foreign-key',
        source: 'prisma',
        from: table,
        to,
        columns: relation.columns,
        database: null,
        // A target declared in another file of `prisma/schema/` is found by model name when the facts are resolved.
        toModel: relation.target,
        location: lines.evidenceAtLine(file.path, relation.line),
        extractor: ID,
      });
    }
  }
  return { facts, errors };
}

function invalidPrisma(file: string, line: number, reason: string): AnalysisError {
  return extractError(file, 'invalid-prisma', `Invalid Prisma schema (${reason}); read on a best-effort basis.`, { line });
}

/** Whether the line's (), [] and {} pairs close within it (strings skipped); a block's `{` and a lone `}` are allowed. */
function balanced(code: string): boolean {
  const text = code.endsWith('{') ? code.slice(0, -1) : code.startsWith('}') ? code.slice(1) : code;
  const depth = { '(': 0, '[': 0, '{': 0 };
  const closes: Record<string, keyof typeof depth> = { ')': '(', ']': '[', '}': '{' };
  let inString = false;
  // A plain scan, linear on any line (a regex over quoted strings could backtrack on hostile input).
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '(' || char === '[' || char === '{') depth[char]++;
    else {
      const open = closes[char];
      if (open !== undefined && --depth[open] < 0) return false;
    }
  }
  return depth['('] === 0 && depth['['] === 0 && depth['{'] === 0;
}

/** The line without its `//` comment; `//` inside a string (`"https://…"`, `"postgres://…"`) is not a comment. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

function readDatasource(fact: DbConnectionFact, code: string, at: Evidence): void {
  const assignment = /^(\w+)\s*=\s*(.+)$/.exec(code);
  if (assignment === null) return;
  const [, key, value = ''] = assignment;
  if (key === 'provider') {
    const provider = quoted(value);
    fact.engine = provider === null ? null : (PROVIDER_ENGINE[provider] ?? provider);
  } else if (key === 'url') {
    fact.url = folded(value);
    // The url line is the one that declares the connection.
    fact.location = at;
  } else if (key === 'schemas') {
    const first = /"([^"]+)"/.exec(value);
    if (first?.[1] !== undefined && !value.includes(',')) fact.parts.schema = { parts: [{ kind: 'literal', value: first[1] }] };
  }
}

/** `env("X")` → an env part; `"postgres://…"` → a literal. */
function folded(value: string): FoldedValue {
  const env = /^env\(\s*"([^"]+)"\s*\)/.exec(value.trim());
  if (env?.[1] !== undefined) return { parts: [{ kind: 'env', name: env[1] }] };
  const literal = quoted(value);
  return { parts: [literal === null ? { kind: 'unknown', text: value.slice(0, 80) } : { kind: 'literal', value: literal }] };
}

function quoted(value: string): string | null {
  const match = /^\s*"([^"]*)"/.exec(value);
  return match?.[1] ?? null;
}

function readModelLine(model: Model, code: string, line: number): void {
  const map = /^@@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(code);
  if (map?.[1] !== undefined) model.table = map[1];
  const schema = /^@@schema\(\s*"([^"]+)"/.exec(code);
  if (schema?.[1] !== undefined) model.schema = schema[1];
  if (code.startsWith('@')) return;
  const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(code);
  if (field === null) return;
  const [, name = '', type = '', list, , attributes = ''] = field;
  const relation = /@relation\(([^)]*)\)/.exec(attributes);
  const fields = relation === null ? null : /fields:\s*\[([^\]]*)\]/.exec(relation[1] ?? '');
  if (fields !== null && list === undefined) {
    const columns = (fields[1] ?? '').split(',').map((column) => column.trim()).filter((column) => column !== '');
    model.relations.push({ target: type, columns, line });
    return;
  }
  // Relation fields without `fields:` are the back side (`orders Order[]`); they hold no column. An enum-typed field
  // does, which only the file's `enum` blocks tell (read at its end); `@map`, `@default`, `@id`, `@unique` settle it.
  const enumOrRelation = !SCALARS.has(type) && /^[A-Z]/.test(type) && !/@(?:map|default|id|unique)\b/.test(attributes);
  const mapped = /@map\(\s*"([^"]+)"/.exec(attributes);
  model.fields.push({ name, column: mapped?.[1] ?? name, type, enumOrRelation });
}
