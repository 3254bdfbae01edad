/**
 * Decides whether a file needs its AST at all. Materializing oxc's AST (JSON.parse of the whole tree) costs more
 * than parsing, and most files hold nothing but imports (which the module record already gives), so files
 * without a trigger skip it. Must over-approximate: every detection the AST walk can make needs a trigger.
 */
import type { EcmaScriptModule } from 'oxc-parser';
import { isValuelessExport } from './export-shapes.js';

/**
 * Words (not inside a longer identifier) without which no detector can fire:
 * - `require`: `require('x')`, `import x = require('x')`;
 * - `fetch`, `axios`, `got`: every client binding is imported, required or global under that name (the
 *   specifiers `node-fetch`, `cross-fetch`, `isomorphic-fetch` hold the word `fetch`; `undici`'s export is `fetch`);
 * - `HttpService`: NestJS receivers are recognized by that imported type;
 * - `listen`: listen facts;
 * - `exports`: CommonJS exports;
 * - messaging and guard packages, each named by a word of its import specifier (`kafkajs`, `@nestjs/microservices`,
 *   `@aws-sdk/client-sqs`, `p-retry`, …): those detectors only match bindings imported from them;
 * - `HttpModule`: NestJS module-wide HTTP options;
 * - `needle`, `phin`: those clients; the proxies `http-proxy-middleware`, `express-http-proxy`, `http-proxy` and
 *   `@fastify/http-proxy` hold the word `http` (the request library and `@fastify/reply-from`: see TRIGGER_MODULES);
 * - database driver and ORM module names, `query`, `execute`, `getRepository` and Sequelize model methods (see the list).
 */
export const TRIGGER_WORDS: readonly string[] = [
  'require', 'fetch', 'axios', 'got', 'HttpService', 'listen', 'exports',
  'kafkajs', 'amqplib', 'amqp', 'ioredis', 'redis', 'nats', 'bullmq', 'bull', 'microservices', 'sqs', 'sns',
  'eventbridge', 'pubsub', 'opossum', 'cockatiel', 'retry', 'backoff', 'rxjs', 'HttpModule',
  'ky', 'superagent', 'http', 'https', 'undici', 'grpc', 'needle', 'phin',
  // Nest's `@Controller` routes and the `@Module({ controllers })` that mount them (RouterModule prefixes).
  // Express/fastify/koa/hono routes: see ROUTE_FRAMEWORKS below.
  'Controller', 'Module',
  // GraphQL clients: `graphql-request`, `@apollo/client`, `urql`/`@urql/core`.
  'graphql', 'apollo', 'urql',
  // Database detectors: driver and ORM module names (every client is imported from one, or typed with one of
  // their exports), plus `query`/`execute` for SQL run through a pool imported from the service's own module.
  'pg', 'mysql', 'mysql2', 'postgres', 'knex', 'mongodb', 'mongoose', 'sequelize', 'typeorm', 'prisma', 'query',
  // A Prisma client generated into the repository is imported by path, by its export name only.
  'PrismaClient',
  'execute', 'drizzle',
  // TypeORM repositories of a data source exported by the service's own module (`AppDataSource.getRepository`).
  'getRepository',
  // Sequelize models imported from the service's own modules, recognized by these distinctive static methods.
  'findAll', 'findByPk', 'findAndCountAll', 'findOrCreate', 'bulkCreate',
  // Sequelize migrations name no module: every fact they give comes from one of these query-interface methods.
  'createTable', 'removeColumn', 'renameColumn', 'changeColumn', 'addColumn', 'dropTable', 'renameTable',
];

/**
 * Packages whose import alone needs the walk, where the words of the name are too common to be triggers: `request`
 * would send every fastify or NestJS handler file (`request`, `reply`) to the full walk. A `require` of them already
 * triggers, and the detectors follow nothing else.
 */
const TRIGGER_MODULES: ReadonlySet<string> = new Set([
  'request', 'request-promise', 'request-promise-native', '@fastify/reply-from', 'fastify-reply-from',
]);

// Hand-written breaker classes are recognized by their half-open state, in any spelling.
const HALF_OPEN = /half[-_ ]?open/i;

/**
 * Route frameworks (`@koa/router` and `koa-router` hold `koa`). Most files of an Express service import its
 * `Request`/`Response` types, so the module name alone would send nearly every file to the full walk (2.8x slower
 * on a 5,000-file service repo); a route needs a registering call as well: `.get(`, `.use(`, `.route(`, `.register(`.
 */
const ROUTE_FRAMEWORKS: readonly string[] = ['express', 'fastify', 'koa', 'hono'];
const ROUTE_CALL = /\.\s*(?:get|post|put|patch|delete|del|head|options|all|use|route|register|basePath)\s*\(/;

/**
 * Requests and ORM calls through a client another module of the repo exports carry no library name: an imported
 * binding's verb call (`api.get(`) or a Prisma delegate call (`this.db.order.findMany(`). Both patterns are
 * anchored on a literal `.` so they stay linear on any input.
 */
const VERB_CALL = /\.\s*(?:get|post|put|patch|delete|head|options)\s*\(/g;
const DELEGATE_CALL =
  /\.\s*[A-Za-z_$][\w$]*\s*\.\s*(?:findMany|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|count|aggregate|groupBy|create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany)\s*\(/;

/** Whether the AST must be walked: a trigger word occurs, an identifier may hide one, or an export may be a value. */
export function needsFullWalk(text: string, record: EcmaScriptModule): boolean {
  // An identifier spelled with unicode escapes (`\u0066etch`) would hide every word.
  if (text.includes('\\u')) return true;
  for (const word of TRIGGER_WORDS) if (hasWord(text, word)) return true;
  if (record.staticImports.some((statement) => TRIGGER_MODULES.has(statement.moduleRequest.value))) return true;
  if (ROUTE_FRAMEWORKS.some((word) => hasWord(text, word)) && ROUTE_CALL.test(text)) return true;
  if (HALF_OPEN.test(text)) return true;
  return hasValueExport(text, record) || callsImportedClient(text, record);
}

function callsImportedClient(text: string, record: EcmaScriptModule): boolean {
  const locals = new Set<string>();
  for (const statement of record.staticImports) {
    for (const entry of statement.entries) if (!entry.isType) locals.add(entry.localName.value);
  }
  if (locals.size === 0) return false;
  if (DELEGATE_CALL.test(text)) return true;
  for (const match of text.matchAll(VERB_CALL)) {
    const receiver = identifierBefore(text, match.index);
    if (receiver !== null && locals.has(receiver)) return true;
  }
  return false;
}

/** The identifier that ends just before `end` (whitespace skipped), read backwards; null when there is none. */
function identifierBefore(text: string, end: number): string | null {
  let stop = end;
  while (stop > 0 && /\s/.test(text.charAt(stop - 1))) stop--;
  let start = stop;
  while (start > 0 && isIdentifierChar(text.charCodeAt(start - 1))) start--;
  return start === stop ? null : text.slice(start, stop);
}

function hasValueExport(text: string, record: EcmaScriptModule): boolean {
  for (const statement of record.staticExports) {
    const local = statement.entries.filter((entry) => entry.moduleRequest === null && !entry.isType);
    if (local.length > 0 && !isValuelessExport(text, statement.start, statement.end, statement.entries.length)) return true;
  }
  // `export = x` and `export import x = …` are not in the record: an `export` keyword it does not account for.
  return countWord(text, 'export') > record.staticExports.length;
}

function hasWord(text: string, word: string): boolean {
  for (let index = text.indexOf(word); index >= 0; index = text.indexOf(word, index + 1)) {
    if (isWordAt(text, index, word.length)) return true;
  }
  return false;
}

/** Occurrences of `word` not inside a longer identifier (comments and strings included: over-counting is safe). */
function countWord(text: string, word: string): number {
  let count = 0;
  for (let index = text.indexOf(word); index >= 0; index = text.indexOf(word, index + word.length)) {
    if (isWordAt(text, index, word.length)) count++;
  }
  return count;
}

function isWordAt(text: string, index: number, length: number): boolean {
  return !isIdentifierChar(text.charCodeAt(index - 1)) && !isIdentifierChar(text.charCodeAt(index + length));
}

// ASCII identifier characters; a non-ASCII letter next to a word also counts (over-approximation is safe).
function isIdentifierChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 36 || code === 95
  );
}
