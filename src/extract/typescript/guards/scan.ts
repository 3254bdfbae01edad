/**
 * Scans one file for resilience guards: opossum breakers, cockatiel policies, p-retry, hand-written breaker
 * classes, imported wrappers, rxjs `timeout` pipes, axios defaults and axios-retry, NestJS `HttpModule` options.
 * Clients and libraries are recognized through their imports, never by a variable's name.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from '../ast.js';
import { endOf, memberName, methodCall, startOf, unwrap } from '../ast.js';
import type { WalkEvent } from '../collect.js';
import type { Origin } from '../messaging/origin.js';
import { isFrom, originOf } from '../messaging/origin.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import type { FunctionIndex, Range } from './functions.js';
import { isFunction } from './functions.js';
import { wrappedRanges } from './wrapped.js';
import { axiosInterceptor, configAssignments } from '../http/interceptors.js';

export type GuardKind = 'timeout' | 'breaker' | 'retry';

/** Calls inside `ranges` run through the guards `kinds`, established at `offset`. */
export interface GuardedRange {
  ranges: Range[];
  kinds: GuardKind[];
  offset: number;
  /** The wrapped argument's name when it is an identifier (a wrapper function's parameter). */
  argument?: string;
}

/** Calls inside `ranges` run through an imported wrapper, judged across files in resolve. */
export interface WrapperRange {
  ranges: Range[];
  specifier: string;
  name: string;
  offset: number;
}

/** Everything the scan learned about one file. */
export interface GuardScan {
  guarded: GuardedRange[];
  wrappers: WrapperRange[];
  /**
   * Guards chained onto a request, by the request call's start offset: superagent `.timeout(…)`/`.retry(…)`
   * (`request.get(url).set(…).timeout(5000)`), rxjs `.pipe(timeout(…), retry(…))` on a NestJS `HttpService` call.
   */
  chained: Map<number, { kind: GuardKind; offset: number }[]>;
  /** Client creation nodes (by start offset) given a timeout or retry after creation, with the guard's offset. */
  instanceGuards: Map<number, { kind: GuardKind; offset: number }[]>;
  /** Module-wide guards: `HttpModule.register({ timeout })`, `axios.defaults.timeout`, `axiosRetry(axios)`. */
  moduleGuards: { client: string; guard: GuardKind; offset: number }[];
  /** Local classes with open/half-open state, by name. */
  breakerClasses: Set<string>;
}

const HALF_OPEN = /half[-_ ]?open/i;

/** Scans the walk's events for guards. */
export function scanGuards(events: readonly WalkEvent[], index: FunctionIndex, text: string): GuardScan {
  const scan: GuardScan = {
    guarded: [],
    wrappers: [],
    chained: new Map(),
    instanceGuards: new Map(),
    moduleGuards: [],
    breakerClasses: new Set(),
  };
  for (const [name, entry] of index.classes) {
    if (HALF_OPEN.test(text.slice(entry.range.start, entry.range.end))) scan.breakerClasses.add(name);
  }
  for (const event of events) {
    if (event.kind === 'new') scanNew(event.node, event.scope, index, scan);
    else if (event.kind === 'call') scanCall(event.node, event.scope, index, scan, text);
    else if (event.kind === 'assign') scanAssign(event.node, event.scope, scan);
  }
  return scan;
}

function scanNew(node: TSESTree.NewExpression, scope: Scope, index: FunctionIndex, scan: GuardScan): void {
  const origin = originOf(node.callee, scope);
  const first = node.arguments[0];
  if (!first || first.type === 'SpreadElement') return;
  // opossum enforces a 10 s timeout unless told `timeout: false`, so a breaker from it is a timeout too.
  if (isFrom(origin, ['opossum'], ['default', '*', 'CircuitBreaker']) && origin?.steps.length === 0) {
    scan.guarded.push({ ranges: wrappedRanges(first, scope, index), kinds: ['breaker', 'timeout'], offset: startOf(node), ...argumentName(first) });
  }
}

function scanCall(node: TSESTree.CallExpression, scope: Scope, index: FunctionIndex, scan: GuardScan, text: string): void {
  const method = methodCall(node);
  const functionArgument = node.arguments.find((argument): argument is TSESTree.Expression => argument.type !== 'SpreadElement' && isFunctionLike(argument, scope));
  const callee = originOf(node.callee, scope);
  if (callee && callee.steps.length === 0) {
    if (isFrom(callee, ['p-retry', 'async-retry', 'promise-retry', 'exponential-backoff'], ['default', '*', 'backOff']) && functionArgument) {
      scan.guarded.push({ ranges: wrappedRanges(functionArgument, scope, index), kinds: ['retry'], offset: startOf(node), ...argumentName(functionArgument) });
      return;
    }
    if (isFrom(callee, ['axios-retry'], ['default', '*'])) {
      axiosRetry(node, scope, scan);
      return;
    }
    if (functionArgument && !isKnownLibrary(callee)) {
      // Only checkable across files: a shared wrapper (`withBreaker(() => …)`) from a workspace package.
      scan.wrappers.push({ ranges: wrappedRanges(functionArgument, scope, index), specifier: callee.specifier, name: callee.imported, offset: startOf(node) });
    }
  }
  if (!method) return;
  const interceptor = axiosInterceptor(node, scope);
  if (interceptor) {
    const [timeout] = configAssignments(interceptor.fn, 'timeout');
    if (timeout && interceptor.isModule) scan.moduleGuards.push({ client: 'axios', guard: 'timeout', offset: startOf(timeout) });
    else if (timeout) addInstanceGuard(interceptor.client, scope, scan, 'timeout', startOf(timeout));
    return;
  }
  if ((method.name === 'timeout' || method.name === 'retry') && isSuperagentChain(method.receiver, scope)) {
    // `request.get(url).set(…).timeout(5000)`: the chain starts where the request call starts.
    addChained(scan, startOf(node), method.name, startOf(method.nameNode));
    return;
  }
  if (method.name === 'pipe') {
    for (const argument of node.arguments) {
      if (argument.type !== 'CallExpression') continue;
      const operator = originOf(argument.callee, scope);
      if (isFrom(operator, ['rxjs', 'rxjs/operators'], ['timeout', 'retry', 'retryWhen']) && operator !== null) {
        addChained(scan, startOf(unwrap(method.receiver)), operator.imported === 'timeout' ? 'timeout' : 'retry', startOf(argument));
      }
    }
    return;
  }
  if ((method.name === 'register' || method.name === 'registerAsync') && isFrom(originOf(method.receiver, scope), ['@nestjs/axios', '@nestjs/common'], ['HttpModule'])) {
    if (/\btimeout\s*:/.test(text.slice(startOf(node), endOf(node)))) scan.moduleGuards.push({ client: 'nestjs-http', guard: 'timeout', offset: startOf(node) });
    return;
  }
  if (!functionArgument) return;
  const kinds = receiverGuards(method.receiver, scope, scan, 0);
  if (kinds.kinds.length > 0) {
    scan.guarded.push({ ranges: wrappedRanges(functionArgument, scope, index), kinds: kinds.kinds, offset: kinds.offset ?? startOf(node), ...argumentName(functionArgument) });
  } else if (kinds.wrapper) {
    scan.wrappers.push({ ranges: wrappedRanges(functionArgument, scope, index), ...kinds.wrapper, offset: startOf(node) });
  }
}

interface ReceiverGuards {
  kinds: GuardKind[];
  offset: number | null;
  wrapper?: { specifier: string; name: string };
}

/** What guards a receiver of `.execute(fn)` / `.fire(fn)` applies: a cockatiel policy or a breaker class instance. */
function receiverGuards(receiver: Node, scope: Scope, scan: GuardScan, depth: number): ReceiverGuards {
  const none: ReceiverGuards = { kinds: [], offset: null };
  if (depth > 6) return none;
  const ref = resolveRef(receiver, scope, 0, newBudget());
  if (ref.kind !== 'node') return none;
  const node = unwrap(ref.node);
  if (node.type === 'NewExpression') {
    const callee = unwrap(node.callee);
    if (callee.type !== 'Identifier') return none;
    if (scan.breakerClasses.has(callee.name)) return { kinds: ['breaker'], offset: startOf(node) };
    const binding = ref.scope.lookup(callee.name);
    if (binding?.kind === 'import' && !isKnownLibrary({ specifier: binding.specifier, imported: binding.imported, steps: [] })) {
      return { ...none, wrapper: { specifier: binding.specifier, name: binding.imported } };
    }
    return none;
  }
  if (node.type !== 'CallExpression') return none;
  const origin = originOf(node.callee, ref.scope);
  if (!origin || !isFrom(origin, ['cockatiel'], [origin.imported])) return none;
  const names = [origin.imported, ...origin.steps.filter((step) => step.startsWith('.')).map((step) => step.slice(1))];
  const kinds = new Set<GuardKind>();
  if (names.includes('circuitBreaker')) kinds.add('breaker');
  if (names.includes('retry')) kinds.add('retry');
  if (names.includes('timeout')) kinds.add('timeout');
  if (names.includes('wrap')) {
    for (const argument of node.arguments) {
      if (argument.type === 'SpreadElement') continue;
      for (const kind of receiverGuards(argument, ref.scope, scan, depth + 1).kinds) kinds.add(kind);
    }
  }
  return { kinds: [...kinds].sort(), offset: startOf(node) };
}

/** `axiosRetry(axios)` makes every axios call retry; `axiosRetry(api)` only the instance's. */
function axiosRetry(node: TSESTree.CallExpression, scope: Scope, scan: GuardScan): void {
  const client = node.arguments[0];
  if (!client || client.type === 'SpreadElement') return;
  const origin = originOf(client, scope);
  if (isFrom(origin, ['axios'], ['default', '*', 'axios']) && origin?.steps.length === 0) {
    scan.moduleGuards.push({ client: 'axios', guard: 'retry', offset: startOf(node) });
    return;
  }
  addInstanceGuard(client, scope, scan, 'retry', startOf(node));
}

/** `axios.defaults.timeout = n` (every axios call) or `api.defaults.timeout = n` (one instance). */
function scanAssign(node: TSESTree.AssignmentExpression, scope: Scope, scan: GuardScan): void {
  const target = unwrap(node.left);
  if (node.operator !== '=' || target.type !== 'MemberExpression' || memberName(target) !== 'timeout') return;
  const holder = unwrap(target.object);
  if (holder.type !== 'MemberExpression' || memberName(holder) !== 'defaults') return;
  const origin = originOf(holder.object, scope);
  if (!isFrom(origin, ['axios'], ['default', '*', 'axios'])) return;
  if (origin?.steps.length === 0) scan.moduleGuards.push({ client: 'axios', guard: 'timeout', offset: startOf(node) });
  else addInstanceGuard(holder.object, scope, scan, 'timeout', startOf(node));
}

function addInstanceGuard(client: Node, scope: Scope, scan: GuardScan, kind: GuardKind, offset: number): void {
  const ref = resolveRef(client, scope, 0, newBudget());
  if (ref.kind !== 'node') return;
  const key = startOf(unwrap(ref.node));
  scan.instanceGuards.set(key, [...(scan.instanceGuards.get(key) ?? []), { kind, offset }]);
}

// Packages that take callbacks but never guard them; not worth a cross-file lookup.
function isKnownLibrary(origin: Origin): boolean {
  return !origin.specifier.startsWith('.') && !origin.specifier.startsWith('@') && !origin.specifier.includes('/')
    ? ['express', 'fastify', 'koa', 'rxjs', 'lodash', 'vitest', 'jest'].includes(origin.specifier)
    : origin.specifier.startsWith('@nestjs/');
}

function argumentName(node: Node): { argument?: string } {
  const target = unwrap(node);
  return target.type === 'Identifier' ? { argument: target.name } : {};
}

function isFunctionLike(node: Node, scope: Scope): boolean {
  if (isFunction(node)) return true;
  const target = unwrap(node);
  if (target.type === 'MemberExpression' && unwrap(target.object).type === 'ThisExpression') return true;
  if (target.type === 'CallExpression' && methodCall(target)?.name === 'bind') return true;
  if (target.type !== 'Identifier') return false;
  const binding = scope.lookup(target.name);
  if (binding?.kind === 'other') return true;
  const ref = resolveRef(target, scope, 0, newBudget());
  return ref.kind === 'node' && isFunction(ref.node);
}

/** Whether `receiver` is a superagent request (`request.get(url)`), possibly through chained setters (`.set(…)`). */
function addChained(scan: GuardScan, request: number, kind: GuardKind, offset: number): void {
  scan.chained.set(request, [...(scan.chained.get(request) ?? []), { kind, offset }]);
}

function isSuperagentChain(receiver: Node, scope: Scope): boolean {
  let node = unwrap(receiver);
  for (let depth = 0; node.type === 'CallExpression' && depth < 32; depth++) {
    const inner = methodCall(node);
    if (!inner) return false;
    const origin = originOf(inner.receiver, scope);
    if (isFrom(origin, ['superagent'], ['default', '*']) && origin?.steps.length === 0) return true;
    node = unwrap(inner.receiver);
  }
  return false;
}
