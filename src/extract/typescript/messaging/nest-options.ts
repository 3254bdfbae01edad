/**
 * The `{ transport, options }` object every NestJS client and server is configured with (`ClientsModule.register`,
 * `@Client`, `ClientProxyFactory.create`, `createMicroservice`), and the `useFactory` functions that return one.
 */
import type { FoldedValue } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { memberName, unwrap } from '../ast.js';
import { fold } from '../fold.js';
import { literal, onlyPart } from '../../../shared/folded.js';
import { patternNames } from '../patterns.js';
import { lookupProperty, newBudget, resolveRef } from '../resolve.js';
import { isStable, Scope } from '../scope.js';
import { propertyNode } from './facts.js';

export const NEST_MICROSERVICES = '@nestjs/microservices';
/** Members of Nest's `Transport` enum. */
const TRANSPORTS = new Set(['TCP', 'REDIS', 'NATS', 'MQTT', 'GRPC', 'RMQ', 'KAFKA']);
// Keys that replace the built-in transport with a custom one, whose broker archcheck cannot know.
const CUSTOM_KEYS = ['strategy', 'customClass'];

/** A config object's transport and address; `transport` is null when it is not known statically. */
export interface NestTransport {
  transport: string | null;
  address: FoldedValue | null;
}

/** Transport and address of a `{ transport, options }` object (a literal or a const), else null when it is no object. */
export function readTransport(config: Node | null, scope: Scope): NestTransport | null {
  if (!config) return null;
  const ref = resolveRef(config, scope, 0, newBudget());
  if (ref.kind !== 'node' || ref.node.type !== 'ObjectExpression') return null;
  const found = lookupProperty(ref.node, 'transport', ref.scope, 0, newBudget());
  let transport: string | null = null;
  if (found.kind === 'node') transport = transportName(found.node, found.scope);
  // Without `transport` Nest uses TCP, unless a custom strategy replaces it.
  else if (found.kind === 'absent' && CUSTOM_KEYS.every((key) => propertyNode(ref.node, key, ref.scope) === null)) transport = 'TCP';
  const options = propertyNode(ref.node, 'options', ref.scope);
  const address = transport !== null && options ? withScheme(transport, addressOf(options.node, options.scope)) : null;
  return { transport, address };
}

/** An options object imported from another module (`kafkaOptions` from `./config/kafka`), as its import part. */
export function importedOptions(node: Node, scope: Scope): FoldedValue | null {
  const value = fold(node, scope);
  return onlyPart(value)?.kind === 'import' ? value : null;
}

/** `Transport.KAFKA` (imported from `@nestjs/microservices` under any name, or through a const) → `KAFKA`. */
export function transportName(node: Node, scope: Scope): string | null {
  const part = onlyPart(fold(node, scope));
  if (part?.kind === 'import' && part.specifier === NEST_MICROSERVICES) {
    const path = part.name === '*' ? part.path : [part.name, ...part.path];
    const [enumName, member] = path;
    if (path.length === 2 && enumName === 'Transport' && member !== undefined && TRANSPORTS.has(member)) return member;
    return null;
  }
  // A `Transport` re-exported by a local module: the member name still says which.
  const ref = resolveRef(node, scope, 0, newBudget());
  const target = ref.kind === 'node' ? unwrap(ref.node) : null;
  const name = target?.type === 'MemberExpression' ? memberName(target) : null;
  return name !== null && TRANSPORTS.has(name) ? name : null;
}

/** `url`, the first of `urls`/`servers`, or `host` + `port` as a `tcp://` URL. */
function addressOf(options: Node, scope: Scope): FoldedValue | null {
  const url = propertyNode(options, 'url', scope);
  if (url) return fold(url.node, url.scope);
  for (const key of ['urls', 'servers']) {
    const list = propertyNode(options, key, scope);
    const first = list ? firstElement(list.node, list.scope) : null;
    if (first) return fold(first.node, first.scope);
  }
  const host = propertyNode(options, 'host', scope);
  if (!host) return null;
  const port = propertyNode(options, 'port', scope);
  const parts = [...literal('tcp://').parts, ...fold(host.node, host.scope).parts];
  if (port) parts.push(...literal(':').parts, ...fold(port.node, port.scope).parts);
  return { parts };
}

function firstElement(node: Node, scope: Scope): { node: Node; scope: Scope } | null {
  const ref = resolveRef(node, scope, 0, newBudget());
  const array = ref.kind === 'node' ? unwrap(ref.node) : null;
  if (ref.kind !== 'node' || array?.type !== 'ArrayExpression') return null;
  const first = array.elements[0];
  return first && first.type !== 'SpreadElement' ? { node: first, scope: ref.scope } : null;
}

/** A `Transport.GRPC` url is `host:port` without a scheme: give it `grpc://` so it parses like a URL. */
function withScheme(transport: string, value: FoldedValue | null): FoldedValue | null {
  if (transport !== 'GRPC' || value === null) return value;
  const first = value.parts[0];
  if (first?.kind === 'literal' && first.value.includes('://')) return value;
  return { parts: [...literal('grpc://').parts, ...value.parts] };
}

/**
 * What the `useFactory` of a provider or async registration returns (`(config: ConfigService) => ({ … })`, or the
 * last top-level `return` of a block body), with a scope that knows its parameters: their declared types, or the
 * classes `inject` lists in the same order, so `config.get('X')` folds to env `X`.
 */
export function factoryResult(entry: Node, scope: Scope): { node: Node; scope: Scope } | null {
  const factory = propertyNode(entry, 'useFactory', scope);
  if (!factory) return null;
  const ref = resolveRef(factory.node, factory.scope, 0, newBudget());
  const fn = ref.kind === 'node' ? unwrap(ref.node) : null;
  if (ref.kind !== 'node' || (fn?.type !== 'ArrowFunctionExpression' && fn?.type !== 'FunctionExpression')) return null;
  const injected = injectNames(entry, scope);
  const inner = new Scope(ref.scope, 'function', ref.scope.module, ref.scope.thisClass);
  fn.params.forEach((param, index) => {
    for (const entry of patternNames(param)) {
      const typeName = entry.typeName ?? (param.type === 'Identifier' ? injected[index] ?? null : null);
      inner.declare({ kind: 'param', name: entry.name, typeName });
    }
  });
  if (fn.body.type !== 'BlockStatement') return { node: fn.body, scope: inner };
  let result: Node | null = null;
  for (const statement of fn.body.body) {
    if (statement.type === 'VariableDeclaration' && !statement.declare) {
      const declaration = statement.kind === 'await using' ? 'using' : statement.kind;
      for (const declarator of statement.declarations) {
        for (const { name, path, defaultValue, typeName } of patternNames(declarator.id)) {
          inner.declare({ kind: 'variable', declaration, name, init: declarator.init, path, defaultValue, typeName, scope: inner });
        }
      }
    }
    if (statement.type === 'ReturnStatement' && statement.argument) result = statement.argument;
  }
  const returned = result;
  if (!returned) return null;
  // A returned const (`const options = { … }; return options;`) is that object.
  const named = unwrap(returned);
  const binding = named.type === 'Identifier' ? inner.lookup(named.name) : null;
  if (binding?.kind === 'variable' && binding.init && binding.path?.length === 0 && isStable(binding)) return { node: binding.init, scope: inner };
  return { node: returned, scope: inner };
}

/** Class names of the entry's `inject: [ConfigService, …]`, by position. */
function injectNames(entry: Node, scope: Scope): (string | null)[] {
  const list = propertyNode(entry, 'inject', scope);
  const array = list ? unwrap(list.node) : null;
  if (array?.type !== 'ArrayExpression') return [];
  return array.elements.map((element) => (element?.type === 'Identifier' ? element.name : null));
}
