/** Messaging detectors: every broker family, recognized through its import under any local name. */
import { describe, expect, it } from 'vitest';
import type { Fact, FoldedValue } from '../../../src/types/index.js';
import { extractFixture } from './harness.js';

function text(value: FoldedValue | null): string {
  if (value === null) return '∅';
  return value.parts.map((part) => (part.kind === 'literal' ? part.value : part.kind === 'env' ? `$${part.name}` : `{${part.kind}}`)).join('');
}

/** `line role broker topic` per message fact, and a line per rpc call and transport. */
function summary(facts: readonly Fact[]): string[] {
  return facts.flatMap((fact) => {
    if (fact.kind === 'message') return [`${fact.location.line} ${fact.role} ${fact.broker} ${text(fact.topic)}`];
    if (fact.kind === 'rpc-call') return [`${fact.location.line} rpc ${fact.protocol} ${fact.operation ?? '∅'} timeout:${fact.guards?.timeout ? 'yes' : 'no'}`];
    if (fact.kind === 'nest-transport') return [`${fact.location.line} transport ${fact.token} ${fact.transport} ${text(fact.address)}`];
    return [];
  });
}

describe('typescript extractor: messaging', () => {
  it('reads kafkajs producers under an alias, typed producers, sendBatch, and ignores look-alike objects', () => {
    expect(summary(extractFixture('messaging/kafka-producer.ts').facts)).toEqual([
      '7 publish kafka payment.settled',
      '12 publish kafka payment.failed',
      '12 publish kafka $TOPIC_PREFIX.audit',
    ]);
  });

  it('reads CommonJS kafkajs consumers and amqplib queues, the default exchange routing by queue name', () => {
    expect(summary(extractFixture('messaging/consumers.cjs').facts)).toEqual([
      '7 consume kafka payment.settled',
      '7 consume kafka payment.failed',
      '10 publish amqp ledger.rebuild',
      '11 publish amqp ledger.direct',
      '12 consume amqp ledger.commands',
    ]);
  });

  it('reads node-redis pub/sub and streams (through duplicate()) and nats core and JetStream subjects', () => {
    expect(summary(extractFixture('messaging/redis-nats.ts').facts)).toEqual([
      '9 publish redis cache.invalidate',
      '10 consume redis cache.invalidate',
      '11 publish redis audit-stream',
      '15 publish nats inventory.adjusted',
      '16 consume nats inventory.requested',
      '18 publish nats orders.archived',
    ]);
  });

  it('reads AWS SDK v3 commands, sqs-consumer and Google Pub/Sub', () => {
    expect(summary(extractFixture('messaging/cloud.ts').facts)).toEqual([
      '11 publish sqs $RECEIPTS_QUEUE_URL',
      '12 publish eventbridge OrderCompleted',
      '13 publish pubsub order-analytics',
      '16 consume sqs https://sqs.eu-west-1.amazonaws.com/123456789012/receipts',
      '18 consume pubsub search-indexer',
    ]);
  });

  it('reads NestJS transports, send as a synchronous rpc with its rxjs timeout, emit as an event, @MessagePattern handlers', () => {
    expect(summary(extractFixture('messaging/nest-clients.ts').facts)).toEqual([
      '8 transport PRICING TCP tcp://$PRICING_HOST:4000',
      '9 transport EVENTS NATS $NATS_URL',
      '20 rpc nest-rpc price-for-sku timeout:yes',
      '24 publish nest quote.requested',
      '27 consume nest-rpc quote',
    ]);
  });
});

describe('typescript extractor: gRPC', () => {
  it('reads a @grpc/grpc-js client built from a loaded package definition as one synchronous rpc, its deadline as a timeout', () => {
    expect(summary(extractFixture('messaging/grpc-client.ts').facts)).toEqual(['8 rpc grpc Pricing timeout:yes']);
    const [client] = extractFixture('messaging/grpc-client.ts').facts.filter((fact) => fact.kind === 'rpc-call');
    expect(client?.kind === 'rpc-call' ? text(client.address) : null).toBe('grpc://$PRICING_GRPC');
  });
});

describe('typescript extractor: guards', () => {
  it('finds axios defaults, instance retries, opossum around a function, p-retry, imported wrappers and exported wrappers', () => {
    const { facts } = extractFixture('guards/resilience.ts');
    const lines = facts.flatMap((fact) => {
      if (fact.kind === 'module-guard') return [`${fact.location.line} module ${fact.client} ${fact.guard}`];
      if (fact.kind === 'guard-wrapper') return [`${fact.location.line} wrapper ${fact.name} ${fact.guards.join('+')}`];
      if (fact.kind !== 'http-call') return [];
      const guards = fact.guards ?? { timeout: null, breaker: null, retry: null };
      const kinds = (['timeout', 'breaker', 'retry'] as const).map((kind) => `${kind}:${guards[kind]?.line ?? '-'}`).join(' ');
      const wrappers = (fact.wrappers ?? []).map((wrapper) => `${wrapper.specifier}#${wrapper.name}`).join(',');
      return [`${fact.location.line} call ${kinds}${wrappers ? ` via ${wrappers}` : ''}`];
    });
    expect(lines).toEqual([
      '7 module axios timeout',
      '12 call timeout:15 breaker:15 retry:9',
      '18 call timeout:- breaker:- retry:18',
      '22 call timeout:- breaker:- retry:- via @shop/resilience#withBulkhead',
      '26 wrapper guarded breaker+timeout',
    ]);
  });
});

describe('typescript extractor: more HTTP clients', () => {
  it('reads ky instances, superagent (chained .timeout), node:http(s) with URL or options, undici request and Pool', () => {
    const calls = extractFixture('more-clients/clients.ts').facts.flatMap((fact) =>
      fact.kind === 'http-call' ? [`${fact.location.line} ${fact.client} ${fact.method ?? '?'} ${text(fact.url)} timeout:${fact.guards?.timeout ? 'yes' : 'no'}`] : [],
    );
    expect(calls).toEqual([
      '12 ky GET $CATALOG_URL/products/{unknown} timeout:yes',
      '13 ky POST http://catalog-admin:8080/reindex timeout:yes',
      '14 ky POST http://search:9200/_search timeout:no',
      '15 superagent GET $REVIEWS_URL/reviews/{unknown} timeout:yes',
      '16 node:https POST https://ledger:8443/entries timeout:yes',
      '17 node:http GET http://pricing:3000/prices/{unknown} timeout:no',
      '18 undici GET $TAX_URL/rates timeout:no',
      '19 undici GET $STOCK_URL/levels/{unknown} timeout:no',
      '20 superagent POST $REVIEWS_URL/flags timeout:yes',
      '21 superagent DELETE $REVIEWS_URL/flags/{unknown} timeout:no',
    ]);
  });
});

describe('typescript extractor: GraphQL clients', () => {
  it('reads graphql-request, Apollo HttpLink/ApolloClient and urql under any local name as graphql rpc calls', () => {
    const calls = extractFixture('graphql/clients.ts').facts.flatMap((fact) =>
      fact.kind === 'rpc-call' ? [`${fact.location.line} ${fact.protocol} ${fact.client} ${text(fact.address)}`] : [],
    );
    expect(calls).toEqual([
      '8 graphql graphql-request http://catalog:4000/graphql',
      '9 graphql graphql-request $REVIEWS_GRAPHQL_URL',
      '10 graphql graphql-request $INVENTORY_URL/graphql',
      '11 graphql @apollo/client http://accounts:4000/graphql',
      '12 graphql @apollo/client http://profiles:4000/graphql',
      '13 graphql urql http://pricing:4000/graphql',
    ]);
  });
});

describe('typescript extractor: NestJS gRPC', () => {
  it('reads ClientGrpc.getService under any local type name, the GRPC transport address and a per-call deadline', () => {
    const facts = extractFixture('messaging/nest-grpc.ts').facts;
    expect(summary(facts)).toEqual(['16 rpc grpc StockService timeout:yes', '27 transport STOCK_PACKAGE GRPC grpc://stock:5000']);
    const [rpc] = facts.filter((fact) => fact.kind === 'rpc-call');
    expect(rpc?.kind === 'rpc-call' ? [rpc.client, rpc.guards?.timeout?.line] : null).toEqual(['nestjs-microservices', 20]);
  });
});
