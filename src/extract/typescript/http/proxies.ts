/**
 * Reverse proxies in API gateways, recognized through their imports. Each makes the gateway depend synchronously on
 * its target, whatever the method (`method: null`):
 * - http-proxy-middleware: `createProxyMiddleware({ target, pathFilter })`, v2 `createProxyMiddleware('/api', { target })`,
 *   the v0/v1 default export and the `'http://host/api'` shorthand. The request path is forwarded whole, so a path filter
 *   naming one literal prefix is kept (unless `pathRewrite`); the path an app mounts the proxy on is not (v2 forwards
 *   it, v3 strips it: which one runs cannot be told from the code).
 * - express-http-proxy: `proxy(host, opts)` sends the request path to the host's origin (a path in `host` is ignored).
 * - http-proxy: `createProxyServer({ target })`, and `proxy.web(req, res, { target })`/`proxy.ws(…)` given their own.
 * - @fastify/http-proxy: `register(proxy, { upstream, prefix, rewritePrefix })`; the prefix is the gateway's and is
 *   replaced by `rewritePrefix` (default: the upstream's path).
 * - @fastify/reply-from: `register(replyFrom, { base })`, then `reply.from(path)` on a handler's parameter in the
 *   registering scope or below; the base's path is discarded.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue, HttpCallFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, endOf, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { httpFact } from '../context.js';
import { fold } from '../fold.js';
import { literal, literalText, sourceText, unknownValue } from '../../../shared/folded.js';
import type { Origin } from '../messaging/origin.js';
import { originOf } from '../messaging/origin.js';
import type { Scope } from '../scope.js';
import { joinBase, resolveUrl } from '../../../shared/url.js';
import type { Options } from './config.js';
import { option, optionsAt } from './config.js';
import { moduleExport } from './module-export.js';

const MIDDLEWARE = ['http-proxy-middleware'];
const MIDDLEWARE_EXPORTS = new Set(['default', 'createProxyMiddleware', 'legacyCreateProxyMiddleware']);
const HTTP_PROXY = ['http-proxy'];
const SERVER_EXPORTS = new Set(['createProxyServer', 'createServer', 'createProxy']);
const FASTIFY_PROXY = ['@fastify/http-proxy', 'fastify-http-proxy'];
const REPLY_FROM = ['@fastify/reply-from', 'fastify-reply-from'];
const PLUGIN_EXPORTS = new Set(['default', 'fastifyHttpProxy', 'fastifyReplyFrom']);
// Libraries whose calls (or calls on what they make) are proxied requests.
const LIBRARIES = new Set([...MIDDLEWARE, 'express-http-proxy', ...HTTP_PROXY]);

// One path prefix (`/orders`); globs, lists and functions match many paths, `/` adds nothing.
const PLAIN_PATH = /^\/[^*?{}[\]!,]+$/;
// Scheme then `//`, anchored.
const HAS_SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;

interface Registration {
  client: string;
  base: FoldedValue | null;
}

// Detectors get no per-file state, so a reply-from registration is remembered by the scope it was made in (the
// plugin whose replies it decorates). Scopes belong to one walk of one file; the map lets them go with it.
const registrations = new WeakMap<Scope, Registration>();

/** A proxied request of one of these libraries, else null. Remembers reply-from registrations for later calls. */
export function detectProxy(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const callee = originOf(call.callee, scope);
  if (callee && LIBRARIES.has(callee.specifier)) {
    return (
      detectMiddleware(call, callee, scope, context) ??
      detectExpressHttpProxy(call, callee, scope, context) ??
      detectHttpProxy(call, callee, scope, context)
    );
  }
  // Fastify plugins are recognized by the registered plugin, replies by their registration.
  return detectRegister(call, scope, context) ?? detectReplyFrom(call, scope, context);
}

function detectMiddleware(call: TSESTree.CallExpression, callee: Origin, scope: Scope, context: FileContext): HttpCallFact | null {
  if (!MIDDLEWARE_EXPORTS.has(moduleExport(callee, MIDDLEWARE) ?? '')) return null;
  const first = argumentAt(call, 0);
  if (!first) return null;
  const own = optionsAt(first, scope);
  if (own.kind === 'object') return middlewareFact(call, scope, context, own, option(own, 'pathFilter'));
  const options = optionsAt(argumentAt(call, 1), scope);
  // The v0–v2 shorthand `createProxyMiddleware('http://orders:3000/api')` names target and path at once.
  if (option(options, 'target') === 'absent') return httpFact(context, startOf(call), 'http-proxy-middleware', null, fold(first, scope));
  return middlewareFact(call, scope, context, options, fold(first, scope));
}

function middlewareFact(
  call: TSESTree.CallExpression,
  scope: Scope,
  context: FileContext,
  options: Options,
  filter: FoldedValue | 'absent' | 'unknown',
): HttpCallFact {
  const target = option(options, 'target');
  if (target === 'absent' || target === 'unknown') return httpFact(context, startOf(call), 'http-proxy-middleware', null, callText(call, scope));
  const path = filter === 'absent' || filter === 'unknown' ? null : literalText(filter);
  const kept = path !== null && PLAIN_PATH.test(path) && option(options, 'pathRewrite') === 'absent';
  return httpFact(context, startOf(call), 'http-proxy-middleware', null, kept ? joinBase(target, literal(path)) : target);
}

function detectExpressHttpProxy(call: TSESTree.CallExpression, callee: Origin, scope: Scope, context: FileContext): HttpCallFact | null {
  if (moduleExport(callee, ['express-http-proxy']) !== 'default') return null;
  const host = argumentAt(call, 0);
  return host ? httpFact(context, startOf(call), 'express-http-proxy', null, originOnly(fold(host, scope))) : null;
}

function detectHttpProxy(call: TSESTree.CallExpression, callee: Origin, scope: Scope, context: FileContext): HttpCallFact | null {
  if (SERVER_EXPORTS.has(moduleExport(callee, HTTP_PROXY) ?? '')) {
    // Without a target the server proxies wherever each `web(…)` call says.
    return targetFact(call, option(optionsAt(argumentAt(call, 0), scope), 'target'), context);
  }
  // `server.web(…)`: the callee is the server's creation call, then `.web`.
  const method = callee.steps.at(-1);
  if (method !== '.web' && method !== '.ws') return null;
  const creation = callee.steps.slice(0, -1);
  if (creation.at(-1) !== 'call') return null;
  if (!SERVER_EXPORTS.has(moduleExport({ ...callee, steps: creation.slice(0, -1) }, HTTP_PROXY) ?? '')) return null;
  // `web(req, res, options)`, `ws(req, socket, head, options)`; without a target of its own the server's applies.
  return targetFact(call, option(optionsAt(argumentAt(call, method === '.web' ? 2 : 3), scope), 'target'), context);
}

function targetFact(call: TSESTree.CallExpression, target: FoldedValue | 'absent' | 'unknown', context: FileContext): HttpCallFact | null {
  return target === 'absent' || target === 'unknown' ? null : httpFact(context, startOf(call), 'http-proxy', null, target);
}

/** `app.register(proxy, { upstream })` is a proxy; `app.register(replyFrom, { base })` is remembered for `reply.from`. */
function detectRegister(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  const plugin = method?.name === 'register' ? argumentAt(call, 0) : null;
  const specifier = plugin ? pluginSpecifier(plugin, scope) : null;
  if (specifier === null) return null;
  const options = optionsAt(argumentAt(call, 1), scope);
  if (REPLY_FROM.includes(specifier)) {
    const base = option(options, 'base');
    registrations.set(scope, { client: specifier, base: base === 'absent' || base === 'unknown' ? null : originOnly(base) });
    return null;
  }
  if (!FASTIFY_PROXY.includes(specifier)) return null;
  const upstream = option(options, 'upstream');
  // An empty upstream is chosen per request (`replyOptions.getUpstream`).
  if (upstream === 'absent' || upstream === 'unknown' || literalText(upstream) === '') {
    return httpFact(context, startOf(call), specifier, null, callText(call, scope));
  }
  const rewrite = option(options, 'rewritePrefix');
  const prefix = rewrite === 'absent' ? '' : rewrite === 'unknown' ? null : literalText(rewrite);
  let url = upstream;
  if (prefix === null) url = originOnly(upstream);
  else if (prefix !== '') url = resolveUrl(literal(prefix.startsWith('/') ? prefix : `/${prefix}`), upstream);
  return httpFact(context, startOf(call), specifier, null, url);
}

/** The package a registered plugin comes from (`proxy` imported from it, `require(…)`, `import(…)`), else null. */
function pluginSpecifier(plugin: Node, scope: Scope): string | null {
  let node = unwrap(plugin);
  if (node.type === 'AwaitExpression') node = unwrap(node.argument);
  if (node.type === 'ImportExpression') return stringValue(node.source);
  const origin = originOf(node, scope);
  const name = moduleExport(origin, [...FASTIFY_PROXY, ...REPLY_FROM]);
  return origin && name !== null && PLUGIN_EXPORTS.has(name) ? origin.specifier : null;
}

function detectReplyFrom(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  if (method?.name !== 'from') return null;
  // `reply` is a route handler's parameter; `Array.from`, `Buffer.from` and their kind are not.
  const receiver = unwrap(method.receiver);
  if (receiver.type !== 'Identifier' || scope.lookup(receiver.name)?.kind !== 'param') return null;
  const registration = registrationAround(scope);
  if (!registration) return null;
  const source = argumentAt(call, 0);
  const { base } = registration;
  let url: FoldedValue;
  if (!source) url = base ?? callText(call, scope);
  else url = base ? resolveUrl(fold(source, scope), base) : fold(source, scope);
  const verb = option(optionsAt(argumentAt(call, 1), scope), 'method');
  const text = verb === 'absent' || verb === 'unknown' ? null : literalText(verb);
  return httpFact(context, startOf(call), registration.client, text ? text.toUpperCase() : null, url);
}

function registrationAround(scope: Scope): Registration | null {
  for (let current: Scope | null = scope; current; current = current.parent) {
    const found = registrations.get(current);
    if (found) return found;
  }
  return null;
}

/** Scheme, host and port of a URL known in full (`http://` added to a bare `host:port`); other values as they are. */
function originOnly(value: FoldedValue): FoldedValue {
  const text = literalText(value);
  if (text === null) return value;
  try {
    // Parsing a literal string with the WHATWG parser; nothing from the analyzed code runs.
    const origin = new URL(HAS_SCHEME.test(text) ? text : `http://${text}`).origin;
    return origin === 'null' ? value : literal(origin);
  } catch {
    return value;
  }
}

function callText(call: TSESTree.CallExpression, scope: Scope): FoldedValue {
  return unknownValue(sourceText(scope.module.text, startOf(call), endOf(call)));
}
