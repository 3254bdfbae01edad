/**
 * NestJS microservices: `ClientProxy.emit` (event, async), `ClientProxy.send` (request-reply, sync), each with the
 * client it goes through; `@EventPattern` / `@MessagePattern` handlers; client transports (`ClientsModule.register`
 * and `registerAsync`, `ClientProxyFactory.create` providers) and the app's own (`createMicroservice`,
 * `connectMicroservice`).
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact, FoldedValue, MessageFact, NestTransportFact, NestMicroserviceFact, NestRoute } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, methodCall, startOf } from '../ast.js';
import type { FileContext } from '../context.js';
import { at, EXTRACTOR_ID } from '../context.js';
import { fold } from '../fold.js';
import { literalText } from '../../../shared/folded.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import { firstArgument, messageFact, propertyNode, rpcFact } from './facts.js';
import type { ClientLink, ProgramHolder } from './nest-clients.js';
import { clientLink, pathTo, programOf } from './nest-clients.js';
import { factoryResult, importedOptions, NEST_MICROSERVICES, readTransport, transportName } from './nest-options.js';
import type { Origin } from './origin.js';
import { isFrom, originOf, stepsOf } from './origin.js';

const MODULE = NEST_MICROSERVICES;
/** Broker of the message facts that stand for `@MessagePattern` handlers (request-reply, not topics). */
export const NEST_RPC_HANDLER = 'nest-rpc';
// Client classes a receiver may be declared as; all share `send`/`emit`.
const CLIENT_TYPES = ['ClientProxy', 'ClientKafka', 'ClientRMQ', 'ClientNats', 'ClientRedis', 'ClientTCP', 'ClientMqtt'];
// What a NestJS application object is created or declared as, for `app.connectMicroservice`.
const APP_ORIGINS: readonly [string[], string[]][] = [
  [['@nestjs/core'], ['NestFactory']],
  [['@nestjs/common'], ['INestApplication', 'INestMicroservice']],
  [['@nestjs/platform-express'], ['NestExpressApplication']],
  [['@nestjs/platform-fastify'], ['NestFastifyApplication']],
];

/** Per-file state: the program, read for the decorators of the members clients are injected into. */
export type NestState = ProgramHolder;

export function newNestState(program?: TSESTree.Program): NestState {
  return { program: program ?? null, classes: new Map() };
}

/** Facts of one call: a client `emit`/`send`, a pattern decorator, a client or server transport. */
export function detectNest(call: TSESTree.CallExpression, scope: Scope, context: FileContext, state: NestState): Fact[] {
  const method = methodCall(call);
  if (method && (method.name === 'emit' || method.name === 'send')) return clientCall(call, method, scope, context, state);
  if (method && (method.name === 'register' || method.name === 'registerAsync')) {
    if (!isFrom(originOf(method.receiver, scope), [MODULE], ['ClientsModule'])) return [];
    return registeredTransports(argumentAt(call, 0), method.name === 'registerAsync', scope, context);
  }
  if (method && (method.name === 'createMicroservice' || method.name === 'connectMicroservice')) {
    return microservice(call, method, originOf(method.receiver, scope), scope, context);
  }
  if (method?.name === 'create' && isFrom(originOf(method.receiver, scope), [MODULE], ['ClientProxyFactory'])) {
    return providerTransport(call, scope, context, state);
  }
  const origin = originOf(call.callee, scope);
  if (isFrom(origin, [MODULE], ['EventPattern', 'MessagePattern']) && origin?.steps.length === 0) {
    const pattern = firstArgument(call);
    if (!pattern) return [];
    // A @MessagePattern handler answers `send` (request-reply): broker `nest-rpc` marks it as a handler, which resolve
    // uses to find the callee of a `send`, never as a topic; only @EventPattern consumes an event stream.
    if (origin.imported === 'MessagePattern') {
      return [messageFact(context, startOf(call), NEST_RPC_HANDLER, 'consume', 'nestjs-microservices', patternValue(pattern, scope))];
    }
    // `@EventPattern('x', Transport.KAFKA)` listens on that transport only; without it, on every one the app connects.
    const second = argumentAt(call, 1);
    const transport = second ? transportName(second, scope) : null;
    const fact = messageFact(context, startOf(call), 'nest', 'consume', 'nestjs-microservices', patternValue(pattern, scope));
    return [transport === null ? fact : { ...fact, nest: { token: null, transport, options: null } }];
  }
  return [];
}

function clientCall(
  call: TSESTree.CallExpression,
  method: { receiver: Node; name: string; nameNode: Node },
  scope: Scope,
  context: FileContext,
  state: NestState,
): Fact[] {
  const origin = originOf(method.receiver, scope);
  const isClient =
    isFrom(origin, [MODULE], CLIENT_TYPES) || (isFrom(origin, [MODULE], ['ClientProxyFactory']) && origin !== null && stepsOf(origin) === '.create call');
  const pattern = firstArgument(call);
  if (!isClient || !pattern) return [];
  const value = patternValue(pattern, scope);
  const offset = startOf(method.nameNode);
  const link = clientLink(method.receiver, scope, context, state);
  if (method.name === 'emit') {
    const fact: MessageFact = messageFact(context, offset, 'nest', 'publish', 'nestjs-microservices', value);
    const route = routeOf(link);
    return [route ? { ...fact, nest: route } : fact];
  }
  const rpc = rpcFact(context, offset, 'nest-rpc', 'nestjs-microservices', literalText(value), link?.kind === 'inline' ? link.address : null);
  return [{ ...rpc, token: link?.kind === 'token' ? link.token : null }];
}

/** What the resolve stage needs to find an event's broker, when the client's wiring is known. */
function routeOf(link: ClientLink | null): NestRoute | null {
  if (link?.kind === 'token') return { token: link.token, transport: null, options: null };
  if (link?.kind === 'inline' && link.transport !== null) return { token: null, transport: link.transport, options: null };
  if (link?.kind === 'imported') return { token: null, transport: null, options: link.options };
  return null;
}

/** `'order.placed'` as is; `{ cmd: 'get-price' }` by its `cmd` (the Nest convention). */
function patternValue(pattern: Node, scope: Scope): FoldedValue {
  const cmd = propertyNode(pattern, 'cmd', scope);
  return cmd ? fold(cmd.node, cmd.scope) : fold(pattern, scope);
}

/** Entries of `register([…])` / `registerAsync([…])`, or of their `{ clients: […] }` form. */
function registeredTransports(list: Node | null, async: boolean, scope: Scope, context: FileContext): NestTransportFact[] {
  const entries = arrayOf(list, scope) ?? arrayOf(propertyNode(list, 'clients', scope)?.node ?? null, scope);
  if (!entries) return [];
  const facts: NestTransportFact[] = [];
  for (const element of entries.node.elements) {
    if (!element || element.type === 'SpreadElement') continue;
    const name = propertyNode(element, 'name', entries.scope);
    const config = async ? factoryResult(element, entries.scope) : { node: element, scope: entries.scope };
    const transport = config ? readTransport(config.node, config.scope) : null;
    if (!name || !transport || transport.transport === null) continue;
    facts.push(transportFact(context, startOf(element), fold(name.node, name.scope), transport.transport, transport.address));
  }
  return facts;
}

function arrayOf(node: Node | null, scope: Scope): { node: TSESTree.ArrayExpression; scope: Scope } | null {
  if (!node) return null;
  const ref = resolveRef(node, scope, 0, newBudget());
  return ref.kind === 'node' && ref.node.type === 'ArrayExpression' ? { node: ref.node, scope: ref.scope } : null;
}

/** `ClientProxyFactory.create(options)` in a `{ provide: TOKEN, useFactory | useValue }` provider: TOKEN's transport. */
function providerTransport(call: TSESTree.CallExpression, scope: Scope, context: FileContext, state: NestState): NestTransportFact[] {
  const transport = readTransport(argumentAt(call, 0), scope);
  if (!transport || transport.transport === null) return [];
  const path = pathTo(programOf(state, scope, context), startOf(call), startOf(call) + 1);
  for (let i = path.length - 2; i >= 1; i--) {
    const property = path[i];
    const provider = path[i - 1];
    if (property?.type !== 'Property' || provider?.type !== 'ObjectExpression') continue;
    const key = property.key.type === 'Identifier' ? property.key.name : null;
    const token = key === 'useFactory' || key === 'useValue' ? propertyNode(provider, 'provide', scope) : null;
    if (token) return [transportFact(context, startOf(call), fold(token.node, token.scope), transport.transport, transport.address)];
  }
  return [];
}

function transportFact(context: FileContext, offset: number, token: FoldedValue, transport: string, address: FoldedValue | null): NestTransportFact {
  return { kind: 'nest-transport', location: at(context, offset), extractor: EXTRACTOR_ID, token, transport, address };
}

/** `NestFactory.createMicroservice(AppModule, options)` / `app.connectMicroservice(options)`: the app's own transport. */
function microservice(
  call: TSESTree.CallExpression,
  method: { name: string; nameNode: Node },
  receiver: Origin | null,
  scope: Scope,
  context: FileContext,
): NestMicroserviceFact[] {
  const name = method.name;
  const isFactory = name === 'createMicroservice' && isFrom(receiver, ['@nestjs/core'], ['NestFactory']) && receiver?.steps.length === 0;
  const isApp = name === 'connectMicroservice' && APP_ORIGINS.some(([specifiers, names]) => isFrom(receiver, specifiers, names));
  const options = argumentAt(call, isFactory ? 1 : 0);
  if ((!isFactory && !isApp) || !options) return [];
  const read = readTransport(options, scope);
  // Options imported from a config module: resolve reads their `transport` from its exported value.
  const imported = read ? null : importedOptions(options, scope);
  const transport = read ? read.transport : null;
  if (transport === null && imported === null) return [];
  return [{ kind: 'nest-microservice', location: at(context, startOf(method.nameNode)), extractor: EXTRACTOR_ID, transport, options: imported }];
}
