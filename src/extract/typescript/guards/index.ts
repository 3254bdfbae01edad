/**
 * Attaches resilience guards to the call facts of one file (call options, the client instance, wrapping breakers,
 * retries and timeouts in the same file) and reports what other files need: module-wide guards and exported
 * wrappers. Cross-file wrappers and mesh policies are linked in resolve.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { CallGuards, Fact, GuardWrapperFact, HttpCallFact, ModuleGuardFact, RpcCallFact, WrapperRef } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { endOf, methodCall, startOf, unwrap } from '../ast.js';
import type { WalkEvent } from '../collect.js';
import type { FileContext } from '../context.js';
import { at, EXTRACTOR_ID } from '../context.js';
import { lookupProperty, newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import type { ExportedClient } from '../exported-clients.js';
import type { Range } from './functions.js';
import { indexFunctions, within } from './functions.js';
import type { GuardKind, GuardScan } from './scan.js';
import { scanGuards } from './scan.js';

/** A call fact with the call node it came from. */
export interface TrackedCall {
  fact: HttpCallFact | RpcCallFact;
  node: TSESTree.CallExpression;
  scope: Scope;
}

/**
 * Sets `guards`/`wrappers` on tracked facts and on exported HTTP instances (only when something was found) and
 * returns module-level facts.
 */
export function applyGuards(
  program: TSESTree.Program,
  text: string,
  events: readonly WalkEvent[],
  tracked: readonly TrackedCall[],
  exported: readonly ExportedClient[],
  context: FileContext,
): Fact[] {
  const index = indexFunctions(program);
  const scan = scanGuards(events, index, text);
  for (const client of exported) {
    if (client.fact.protocol !== 'http') continue;
    const found = new Map<GuardKind, number>();
    for (const guard of creationGuards(client.node, client.scope, scan, text)) if (!found.has(guard.kind)) found.set(guard.kind, guard.offset);
    if (client.fact.family === 'ky' && !found.has('timeout') && kyDefaultTimeout(null, client.node, client.scope)) found.set('timeout', startOf(client.node));
    if (found.size > 0) client.fact.guards = guardEvidence(found, context);
  }
  for (const call of tracked) {
    const offset = startOf(call.node);
    const found = new Map<GuardKind, number>();
    const note = (kind: GuardKind, at: number | null | undefined): void => {
      if (at !== null && at !== undefined && !found.has(kind)) found.set(kind, at);
    };
    note('timeout', optionTimeout(call.node, call.scope, text));
    for (const guard of scan.chained.get(offset) ?? []) note(guard.kind, guard.offset);
    for (const guard of instanceGuards(call.node, call.scope, scan, text)) note(guard.kind, guard.offset);
    for (const guarded of scan.guarded) {
      if (guarded.ranges.some((range) => within(range, offset))) for (const kind of guarded.kinds) note(kind, guarded.offset);
    }
    if (call.fact.kind === 'http-call' && call.fact.client === 'ky' && !found.has('timeout')) {
      const method = methodCall(call.node);
      if (kyDefaultTimeout(call.node, method ? method.receiver : null, call.scope)) note('timeout', offset);
    }
    if (found.size > 0) call.fact.guards = guardEvidence(found, context);
    const wrappers: WrapperRef[] = scan.wrappers
      .filter((wrapper) => wrapper.ranges.some((range) => within(range, offset)))
      .map((wrapper) => ({ specifier: wrapper.specifier, name: wrapper.name, location: at(context, wrapper.offset) }));
    if (wrappers.length > 0 && call.fact.kind === 'http-call') call.fact.wrappers = wrappers;
  }
  const moduleFacts: ModuleGuardFact[] = scan.moduleGuards.map((guard) => ({
    kind: 'module-guard',
    location: at(context, guard.offset),
    extractor: EXTRACTOR_ID,
    client: guard.client,
    guard: guard.guard,
  }));
  return [...moduleFacts, ...exportedWrappers(program, scan, context)];
}

function guardEvidence(found: ReadonlyMap<GuardKind, number>, context: FileContext): CallGuards {
  const evidence = (kind: GuardKind): CallGuards[GuardKind] => {
    const where = found.get(kind);
    return where === undefined ? null : at(context, where);
  };
  return { timeout: evidence('timeout'), breaker: evidence('breaker'), retry: evidence('retry') };
}

/** A `timeout` (not `0`/`false`) or an aborting `signal` among the call's option objects. */
function optionTimeout(call: TSESTree.CallExpression, scope: Scope, text: string): number | null {
  for (const argument of call.arguments) {
    if (argument.type === 'SpreadElement') continue;
    const found = timeoutIn(argument, scope, text);
    if (found !== null) return found;
  }
  return null;
}

// Options that bound a request: `timeout`, the proxies' `proxyTimeout`, needle's `response_timeout`, and what
// @fastify/http-proxy hands its HTTP client (`http.requestOptions.timeout`, `http2.requestTimeout`, `undici.headersTimeout`).
const TIMEOUT_OPTIONS: readonly (readonly string[])[] = [
  ['timeout'], ['proxyTimeout'], ['response_timeout'],
  ['http', 'requestOptions', 'timeout'], ['http2', 'requestTimeout'], ['undici', 'headersTimeout'],
];

function timeoutIn(node: Node, scope: Scope, text: string): number | null {
  const ref = resolveRef(node, scope, 0, newBudget());
  if (ref.kind !== 'node' || ref.node.type !== 'ObjectExpression') return null;
  for (const path of TIMEOUT_OPTIONS) {
    const timeout = nestedOption(ref.node, ref.scope, path);
    if (!timeout) continue;
    const value = unwrap(timeout);
    const disabled = value.type === 'Literal' && (value.value === 0 || value.value === false);
    if (!disabled) return startOf(timeout);
  }
  const signal = lookupProperty(ref.node, 'signal', ref.scope, 0, newBudget());
  if (signal.kind !== 'node') return null;
  // `AbortSignal.timeout(ms)` inline, or an AbortController the file aborts from a timer.
  const source = text.slice(startOf(signal.node), endOf(signal.node));
  const timed = /AbortSignal\.(?:timeout|any)\b/.test(source) || (text.includes('AbortController') && /\bsetTimeout\b/.test(text));
  return timed ? startOf(signal.node) : null;
}

/** The value expression at `path` in an object literal (`{ http: { requestOptions: { timeout } } }`), else null. */
function nestedOption(object: TSESTree.ObjectExpression, scope: Scope, path: readonly string[]): Node | null {
  let node: Node = object;
  let where = scope;
  for (const key of path) {
    const ref = resolveRef(node, where, 0, newBudget());
    if (ref.kind !== 'node' || ref.node.type !== 'ObjectExpression') return null;
    const property = lookupProperty(ref.node, key, ref.scope, 0, newBudget());
    if (property.kind !== 'node') return null;
    node = property.node;
    where = property.scope;
  }
  return node;
}

/**
 * Guards of the client instance the call goes through (`api.get(…)`, or `api(…)` for callable instances such as
 * `request.defaults(…)`): its creation options, then later `defaults`/retry.
 */
function instanceGuards(call: TSESTree.CallExpression, scope: Scope, scan: GuardScan, text: string): { kind: GuardKind; offset: number }[] {
  const method = methodCall(call);
  return creationGuards(method ? method.receiver : call.callee, scope, scan, text);
}

/** Guards an instance was created with (`axios.create({ timeout })`) or given later (`axiosRetry(api)`). */
function creationGuards(instance: Node, scope: Scope, scan: GuardScan, text: string): { kind: GuardKind; offset: number }[] {
  const guards: { kind: GuardKind; offset: number }[] = [];
  for (const creation of creations(instance, scope)) {
    guards.push(...(scan.instanceGuards.get(startOf(creation.node)) ?? []));
    if (creation.node.type !== 'CallExpression') continue;
    for (const argument of creation.node.arguments) {
      if (argument.type === 'SpreadElement') continue;
      const found = timeoutIn(argument, creation.scope, text);
      if (found !== null) guards.push({ kind: 'timeout', offset: found });
    }
  }
  return guards;
}

/** The expressions that made an instance, newest first: `base.extend({…})` inherits what `base` was created with. */
function* creations(instance: Node, scope: Scope): Generator<{ node: Node; scope: Scope }> {
  let receiver: Node = instance;
  let receiverScope = scope;
  for (let depth = 0; depth < 6; depth++) {
    const ref = resolveRef(receiver, receiverScope, 0, newBudget());
    if (ref.kind !== 'node') return;
    const creation = unwrap(ref.node);
    yield { node: creation, scope: ref.scope };
    const parent = creation.type === 'CallExpression' ? methodCall(creation) : null;
    if (!parent) return;
    receiver = parent.receiver;
    receiverScope = ref.scope;
  }
}

/** ky aborts a request after 10 s unless the call or the instance says `timeout: false`. */
function kyDefaultTimeout(call: TSESTree.CallExpression | null, instance: Node | null, scope: Scope): boolean {
  const disables = (node: Node, where: Scope): boolean => {
    const ref = resolveRef(node, where, 0, newBudget());
    if (ref.kind !== 'node' || ref.node.type !== 'ObjectExpression') return false;
    const timeout = lookupProperty(ref.node, 'timeout', ref.scope, 0, newBudget());
    if (timeout.kind !== 'node') return false;
    const value = unwrap(timeout.node);
    return value.type === 'Literal' && value.value === false;
  };
  const argumentsOf = (node: Node): Node[] =>
    node.type === 'CallExpression' ? node.arguments.filter((argument) => argument.type !== 'SpreadElement') : [];
  if (call !== null && argumentsOf(call).some((argument) => disables(argument, scope))) return false;
  if (instance === null) return true;
  for (const creation of creations(instance, scope)) {
    if (argumentsOf(creation.node).some((argument) => disables(argument, creation.scope))) return false;
  }
  return true;
}

function parameterNames(node: Node): string[] {
  const target = unwrap(node);
  if (target.type !== 'FunctionDeclaration' && target.type !== 'FunctionExpression' && target.type !== 'ArrowFunctionExpression') return [];
  return target.params.flatMap((param) => (param.type === 'Identifier' ? [param.name] : []));
}

/** Exported functions and classes that run what they are given through a breaker, retry or timeout. */
function exportedWrappers(program: TSESTree.Program, scan: GuardScan, context: FileContext): GuardWrapperFact[] {
  const facts: GuardWrapperFact[] = [];
  const add = (name: string, node: Node, isClass: boolean): void => {
    const range: Range = { start: startOf(node), end: endOf(node) };
    const kinds = new Set<GuardKind>();
    // A wrapper hands its own parameter to the guard (`new CircuitBreaker(action)`); other guarded code inside is not one.
    const params = new Set(parameterNames(node));
    for (const guarded of scan.guarded) {
      const wraps = isClass || (guarded.argument !== undefined && params.has(guarded.argument));
      if (wraps && within(range, guarded.offset)) for (const kind of guarded.kinds) kinds.add(kind);
    }
    if (isClass && node.type === 'ClassDeclaration' && node.id && scan.breakerClasses.has(node.id.name)) kinds.add('breaker');
    if (kinds.size > 0) facts.push({ kind: 'guard-wrapper', location: at(context, startOf(node)), extractor: EXTRACTOR_ID, name, guards: [...kinds].sort() });
  };
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : null;
    if (!declaration) continue;
    const isDefault = statement.type === 'ExportDefaultDeclaration';
    if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
      const name = isDefault ? 'default' : declaration.id?.name;
      if (name) add(name, declaration, declaration.type === 'ClassDeclaration');
    } else if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.init) add(declarator.id.name, declarator.init, false);
      }
    }
  }
  return facts;
}
