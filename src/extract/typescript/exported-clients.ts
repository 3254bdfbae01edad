/**
 * Clients a module exports, so calls through them in other files count: HTTP instances
 * (`export const api = axios.create({ baseURL })`, `module.exports = got.extend({ prefixUrl })`, `ky.create`),
 * database clients (`export const prisma = new PrismaClient()`, `export default new Pool(…)`) and client classes
 * (`export class PrismaService extends PrismaClient`, the NestJS shape). A client is recognized through its
 * import, like everywhere else; the export name is what importers refer to.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { ExportedClientFact, FoldedValue } from '../../types/index.js';
import type { Node } from './ast.js';
import { endOf, startOf, topLevelDeclaration, unwrap } from './ast.js';
import { isFunction } from './guards/functions.js';
import { commonJsExport } from './commonjs.js';
import type { FileContext } from './context.js';
import { at, EXTRACTOR_ID } from './context.js';
import { resolveDbClient } from './db/clients.js';
import { resolveClient } from './http/clients.js';
import { kyInstanceBase } from './http/more-clients.js';
import type { Scope } from './scope.js';
import { isStable } from './scope.js';

/** An exported client with the node that creates it, so guards set on the instance can be found. */
export interface ExportedClient {
  fact: ExportedClientFact;
  /** The expression the export evaluates to (the `axios.create(…)` call), or the class. */
  node: Node;
  scope: Scope;
}

/** Exported clients of the program's top-level statements. */
export function exportedClients(program: TSESTree.Program, scope: Scope, context: FileContext): ExportedClient[] {
  const found: ExportedClient[] = [];
  const report = (name: string, node: Node, offset: number): void => {
    const target = unwrap(node);
    if (isFunction(target) || target.type === 'FunctionDeclaration') {
      const factory = classifyFactory(target, scope);
      if (factory !== null) found.push({ fact: { ...clientFact(context, offset, name, 'factory', factory.client), ...factory.param }, node: factory.made, scope });
      return;
    }
    const client = classifyValue(node, scope);
    if (client !== null) found.push({ fact: clientFact(context, offset, name, 'instance', client), node, scope });
  };
  const reportClass = (name: string, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, offset: number): void => {
    const family = clientClassFamily(node, scope);
    if (family !== null) found.push({ fact: clientFact(context, offset, name, 'class', { protocol: 'db', family, base: null }), node, scope });
  };
  for (const statement of program.body) {
    switch (statement.type) {
      case 'ExportNamedDeclaration': {
        const declaration = statement.declaration;
        if (statement.exportKind === 'type' || statement.source) break;
        if (declaration?.type === 'VariableDeclaration') {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === 'Identifier' && declarator.init) report(declarator.id.name, declarator.init, startOf(declarator.id));
          }
        } else if (declaration?.type === 'ClassDeclaration' && declaration.id) {
          reportClass(declaration.id.name, declaration, startOf(declaration.id));
        } else if (declaration?.type === 'FunctionDeclaration' && declaration.id) {
          report(declaration.id.name, declaration, startOf(declaration.id));
        } else if (!declaration) {
          for (const specifier of statement.specifiers) {
            if (specifier.exportKind === 'type' || specifier.local.type !== 'Identifier') continue;
            const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
            localExport(program, specifier.local.name, exported, startOf(specifier), scope, report, reportClass);
          }
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration;
        if (declaration.type === 'ClassDeclaration') reportClass('default', declaration, startOf(statement));
        else if (declaration.type === 'FunctionDeclaration') report('default', declaration, startOf(statement));
        else if (declaration.type !== 'TSDeclareFunction' && declaration.type !== 'TSInterfaceDeclaration') {
          defaultExport(program, declaration, startOf(statement), scope, report, reportClass);
        }
        break;
      }
      case 'TSExportAssignment':
        defaultExport(program, statement.expression, startOf(statement), scope, report, reportClass);
        break;
      case 'ExpressionStatement':
        reportCommonJs(program, statement.expression, scope, report, reportClass);
        break;
      default:
        break;
    }
  }
  return found;
}

interface Classified {
  protocol: 'http' | 'db';
  family: string;
  base: FoldedValue | null;
}

type Report = (name: string, node: Node, offset: number) => void;
type ReportClass = (name: string, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, offset: number) => void;

function clientFact(context: FileContext, offset: number, name: string, shape: ExportedClientFact['shape'], client: Classified): ExportedClientFact {
  return { kind: 'exported-client', location: at(context, offset), extractor: EXTRACTOR_ID, name, shape, ...client };
}

/** What client an exported value is: an HTTP instance or a database client; modules and factories are not. */
function classifyValue(expression: Node, scope: Scope): Classified | null {
  const node = unwrap(expression);
  // `globalThis.prisma ?? new PrismaClient()` (the hot-reload singleton), `cond ? a : b`: either side that is one.
  if (node.type === 'LogicalExpression') return classifyValue(node.right, scope) ?? classifyValue(node.left, scope);
  if (node.type === 'ConditionalExpression') return classifyValue(node.consequent, scope) ?? classifyValue(node.alternate, scope);
  const http = resolveClient(node, scope);
  if (http !== null && http.kind === 'instance') return { protocol: 'http', family: http.family, base: http.base };
  const ky = kyInstanceBase(node, scope);
  if (ky !== 'not-ky') return { protocol: 'http', family: 'ky', base: ky };
  const db = resolveDbClient(node, scope);
  if (db !== null && db.kind !== 'module' && db.kind !== 'factory') return { protocol: 'db', family: db.family, base: null };
  return null;
}

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/**
 * A function that returns an HTTP instance (`createClient(baseURL) { return axios.create({ baseURL, timeout }) }`):
 * the instance it makes, and which parameter is its base URL. A base that mentions a parameter any other way is
 * unknown here; the caller's argument names it.
 */
function classifyFactory(fn: FunctionNode, scope: Scope): { client: Classified; made: Node; param: { baseParam?: number } } | null {
  const made = returnedValue(fn);
  if (made === null) return null;
  const client = classifyValue(made, scope);
  if (client === null || client.protocol !== 'http') return null;
  const params = fn.params.map((param) => (param.type === 'Identifier' ? param.name : param.type === 'AssignmentPattern' && param.left.type === 'Identifier' ? param.left.name : null));
  const baseNode = baseOptionNode(made);
  if (baseNode === null) return { client, made, param: {} };
  const value = unwrap(baseNode);
  const index = value.type === 'Identifier' ? params.indexOf(value.name) : -1;
  if (index !== -1) return { client: { ...client, base: null }, made, param: { baseParam: index } };
  const mentions = params.some((name) => name !== null && new RegExp(`(?<![\\w$])${name.replaceAll('$', '\\$')}(?![\\w$])`).test(scope.module.text.slice(startOf(value), endOf(value))));
  return { client: mentions ? { ...client, base: null } : client, made, param: {} };
}

/** The expression a function returns: an arrow's expression body, or the value of its last top-level `return`. */
function returnedValue(fn: FunctionNode): Node | null {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  for (let i = fn.body.body.length - 1; i >= 0; i--) {
    const statement = fn.body.body[i];
    if (statement?.type === 'ReturnStatement') return statement.argument ?? null;
  }
  return null;
}

/** The `baseURL` / `prefixUrl` value node of an instance creation's options literal, else null. */
function baseOptionNode(made: Node): Node | null {
  const call = unwrap(made);
  if (call.type !== 'CallExpression') return null;
  const options = call.arguments[0];
  if (options === undefined || options.type !== 'ObjectExpression') return null;
  for (const property of options.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
    if (property.key.name === 'baseURL' || property.key.name === 'prefixUrl') return property.value;
  }
  return null;
}

/** The database family a class inherits from (`extends PrismaClient`), else null. */
function clientClassFamily(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: Scope): string | null {
  if (!node.superClass) return null;
  const base = resolveDbClient(node.superClass, scope);
  return base?.kind === 'factory' ? base.family : null;
}

/** `export default x` / `export = x`: a value, a class expression, or a local class by name. */
function defaultExport(program: TSESTree.Program, expression: Node, offset: number, scope: Scope, report: Report, reportClass: ReportClass): void {
  const node = unwrap(expression);
  if (node.type === 'ClassExpression') reportClass('default', node, offset);
  else if (node.type === 'Identifier') localExport(program, node.name, 'default', offset, scope, report, reportClass);
  else report('default', node, offset);
}

/** `export { local as name }` and friends: a stable module-level variable, or a top-level class declaration. */
function localExport(program: TSESTree.Program, local: string, name: string, offset: number, scope: Scope, report: Report, reportClass: ReportClass): void {
  const binding = scope.bindings.get(local);
  if (binding?.kind === 'variable' && isStable(binding) && binding.init !== null && binding.path?.length === 0) {
    report(name, binding.init, offset);
    return;
  }
  if (binding?.kind !== 'other') return;
  const declared = topLevelDeclaration(program, local);
  if (declared?.type === 'ClassDeclaration') reportClass(name, declared, offset);
}

/** `module.exports = x` (the default export), `module.exports.x = y` and `exports.x = y`. */
function reportCommonJs(program: TSESTree.Program, expression: Node, scope: Scope, report: Report, reportClass: ReportClass): void {
  const exported = commonJsExport(expression, scope);
  if (exported === null) return;
  if (exported.name === null) {
    defaultExport(program, exported.value, exported.offset, scope, report, reportClass);
    return;
  }
  const value = unwrap(exported.value);
  if (value.type === 'Identifier') localExport(program, value.name, exported.name, exported.offset, scope, report, reportClass);
  else report(exported.name, value, exported.offset);
}
