/**
 * NestJS microservices: `ClientProxy.emit` (event, async), `ClientProxy.send` (request-reply, sync),
 * `@EventPattern` / `@MessagePattern` handlers, and `ClientsModule.register` transports.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact, FoldedValue, NestTransportFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, memberName, methodCall, startOf, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { at, EXTRACTOR_ID } from '../context.js';
import { fold } from '../fold.js';
import { literal, literalText } from '../folded.js';
import type { Scope } from '../scope.js';
import { firstArgument, messageFact, propertyNode, rpcFact } from './facts.js';
import { isFrom, originOf } from './origin.js';

const MODULE = '@nestjs/microservices';
/** Broker of the message facts that stand for `@MessagePattern` handlers (request-reply, not topics). */
export const NEST_RPC_HANDLER = 'nest-rpc';
// Client classes a receiver may be declared as; all share `send`/`emit`.
const CLIENT_TYPES = ['ClientProxy', 'ClientKafka', 'ClientRMQ', 'ClientNats', 'ClientRedis', 'ClientTCP', 'ClientMqtt'];

/** Facts of one call: a client `emit`/`send`, a pattern decorator, or a `ClientsModule.register`. */
export function detectNest(call: TSESTree.CallExpression, scope: Scope, context: FileContext): Fact[] {
  const method = methodCall(call);
  if (method && (method.name === 'emit' || method.name === 'send')) {
    const origin = originOf(method.receiver, scope);
    const isClient =
      isFrom(origin, [MODULE], CLIENT_TYPES) ||
      (isFrom(origin, [MODULE], ['ClientProxyFactory']) && origin?.steps.join(' ') === '.create call');
    const pattern = firstArgument(call);
    if (!isClient || !pattern) return [];
    const value = patternValue(pattern, scope);
    const offset = startOf(method.nameNode);
    if (method.name === 'emit') return [messageFact(context, offset, 'nest', 'publish', 'nestjs-microservices', value)];
    return [rpcFact(context, offset, 'nest-rpc', 'nestjs-microservices', literalText(value), null)];
  }
  if (method && (method.name === 'register' || method.name === 'registerAsync')) {
    if (!isFrom(originOf(method.receiver, scope), [MODULE], ['ClientsModule'])) return [];
    return transports(argumentAt(call, 0), scope, context);
  }
  const origin = originOf(call.callee, scope);
  if (isFrom(origin, [MODULE], ['EventPattern', 'MessagePattern']) && origin?.steps.length === 0) {
    const pattern = firstArgument(call);
    if (!pattern) return [];
    // A @MessagePattern handler answers `send` (request-reply): broker `nest-rpc` marks it as a handler, which resolve
    // uses to find the callee of a `send`, never as a topic; only @EventPattern consumes an event stream.
    const broker = origin.imported === 'MessagePattern' ? NEST_RPC_HANDLER : 'nest';
    return [messageFact(context, startOf(call), broker, 'consume', 'nestjs-microservices', patternValue(pattern, scope))];
  }
  return [];
}

/** `'order.placed'` as is; `{ cmd: 'get-price' }` by its `cmd` (the Nest convention). */
function patternValue(pattern: Node, scope: Scope): FoldedValue {
  const cmd = propertyNode(pattern, 'cmd', scope);
  return cmd ? fold(cmd.node, cmd.scope) : fold(pattern, scope);
}

function transports(list: Node | null, scope: Scope, context: FileContext): NestTransportFact[] {
  const node = list ? unwrap(list) : null;
  if (node?.type !== 'ArrayExpression') return [];
  const facts: NestTransportFact[] = [];
  for (const element of node.elements) {
    if (!element || element.type === 'SpreadElement') continue;
    const name = propertyNode(element, 'name', scope);
    const token = name ? literalText(fold(name.node, name.scope)) : null;
    const transport = propertyNode(element, 'transport', scope);
    const transportNode = transport ? unwrap(transport.node) : null;
    const kind = transportNode?.type === 'MemberExpression' ? memberName(transportNode) : null;
    if (token === null || kind === null) continue;
    const options = propertyNode(element, 'options', scope);
    facts.push({
      kind: 'nest-transport',
      location: at(context, startOf(element)),
      extractor: EXTRACTOR_ID,
      token,
      transport: kind,
      address: options ? withScheme(kind, address(options.node, options.scope)) : null,
    });
  }
  return facts;
}

/** `url`, the first of `urls`/`servers`, or `host` + `port` as a `tcp://` URL. */
function address(options: Node, scope: Scope): FoldedValue | null {
  const url = propertyNode(options, 'url', scope);
  if (url) return fold(url.node, url.scope);
  for (const key of ['urls', 'servers']) {
    const list = propertyNode(options, key, scope);
    const first = list && unwrap(list.node).type === 'ArrayExpression' ? firstElement(list.node) : null;
    if (first && list) return fold(first, list.scope);
  }
  const host = propertyNode(options, 'host', scope);
  if (!host) return null;
  const port = propertyNode(options, 'port', scope);
  const parts = [...literal('tcp://').parts, ...fold(host.node, host.scope).parts];
  if (port) parts.push(...literal(':').parts, ...fold(port.node, port.scope).parts);
  return { parts };
}

function firstElement(node: Node): Node | null {
  const array = unwrap(node);
  if (array.type !== 'ArrayExpression') return null;
  const first = array.elements[0];
  return first && first.type !== 'SpreadElement' ? first : null;
}

/** A `Transport.GRPC` url is `host:port` without a scheme: give it `grpc://` so it parses like a URL. */
function withScheme(transport: string, value: FoldedValue | null): FoldedValue | null {
  if (transport !== 'GRPC' || value === null) return value;
  const first = value.parts[0];
  if (first?.kind === 'literal' && first.value.includes('://')) return value;
  return { parts: [...literal('grpc://').parts, ...value.parts] };
}
