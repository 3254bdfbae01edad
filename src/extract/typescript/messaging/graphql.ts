/**
 * GraphQL clients posting to another service, recognized through their imports under any local name:
 * graphql-request (`request(url, doc)`, `request({ url, document })`, `new GraphQLClient(url)`), Apollo Client
 * (`new HttpLink({ uri })`, `createHttpLink({ uri })`, `new ApolloClient({ uri })`) and urql
 * (`createClient({ url })`, `new Client({ url })`). Each is one `rpc-call` with protocol `graphql`.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { RpcCallFact } from '../../../types/index.js';
import { startOf } from '../ast.js';
import type { FileContext } from '../context.js';
import { fold } from '../fold.js';
import type { Scope } from '../scope.js';
import { firstArgument, propertyNode, rpcFact } from './facts.js';
import type { Origin } from './origin.js';
import { isFrom, originOf } from './origin.js';

const APOLLO = ['@apollo/client', '@apollo/client/core', '@apollo/client/link/http'];
const URQL = ['@urql/core', 'urql'];

/** A GraphQL request or client made by a call, else null. */
export function detectGraphqlCall(call: TSESTree.CallExpression, scope: Scope, context: FileContext): RpcCallFact | null {
  const origin = originOf(call.callee, scope);
  if (!origin || origin.steps.length !== 0) return null;
  if (isFrom(origin, ['graphql-request'], ['request', 'rawRequest'])) {
    const first = firstArgument(call);
    if (!first) return null;
    const option = propertyNode(first, 'url', scope);
    const url = option ? fold(option.node, option.scope) : first.type === 'ObjectExpression' ? null : fold(first, scope);
    return url ? rpcFact(context, startOf(call), 'graphql', 'graphql-request', null, url) : null;
  }
  if (isFrom(origin, APOLLO, ['createHttpLink'])) return fromOption(call, 'uri', '@apollo/client', scope, context);
  if (isFrom(origin, URQL, ['createClient'])) return fromOption(call, 'url', 'urql', scope, context);
  return null;
}

/** A GraphQL client constructed by `new`, else null. */
export function detectGraphqlNew(node: TSESTree.NewExpression, scope: Scope, context: FileContext): RpcCallFact | null {
  const origin: Origin | null = originOf(node.callee, scope);
  if (!origin || origin.steps.length !== 0) return null;
  if (isFrom(origin, ['graphql-request'], ['GraphQLClient'])) {
    const first = firstArgument(node);
    return first ? rpcFact(context, startOf(node), 'graphql', 'graphql-request', null, fold(first, scope)) : null;
  }
  if (isFrom(origin, APOLLO, ['HttpLink', 'ApolloClient'])) return fromOption(node, 'uri', '@apollo/client', scope, context);
  if (isFrom(origin, URQL, ['Client'])) return fromOption(node, 'url', 'urql', scope, context);
  return null;
}

function fromOption(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  key: string,
  client: string,
  scope: Scope,
  context: FileContext,
): RpcCallFact | null {
  const option = propertyNode(firstArgument(node), key, scope);
  return option ? rpcFact(context, startOf(node), 'graphql', client, null, fold(option.node, option.scope)) : null;
}
