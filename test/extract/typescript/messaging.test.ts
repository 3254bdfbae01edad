/** Messaging detectors: every broker family, recognized through its import under any local name. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/index.js';
import { collect } from '../../../src/extract/typescript/collect.js';
import { extractTypeScript } from '../../../src/extract/typescript/extract.js';
import type { MessagingState } from '../../../src/extract/typescript/messaging/index.js';
import { detectMessagingCall, finishMessaging, newMessagingState } from '../../../src/extract/typescript/messaging/index.js';
import { parseFile } from '../../../src/extract/typescript/parse.js';
import { LineIndex } from '../../../src/extract/shared/lines.js';
import type { Fact, FoldedValue, SourceFile } from '../../../src/types/index.js';
import { atSource, exportAt, extractFixture, extractSource, imp, lit, object, ofKind, scalar, value } from './harness.js';

function text(value: FoldedValue | null): string {
  if (value === null) return '∅';
  return value.parts.map((part) => (part.kind === 'literal' ? part.value : part.kind === 'env' ? `$${part.name}` : `{${part.kind}}`)).join('');
}

/** `line role broker topic` per message fact, and a line per rpc call and transport. */
function summary(facts: readonly Fact[]): string[] {
  return facts.flatMap((fact) => {
    if (fact.kind === 'message') return [`${fact.location.line} ${fact.role} ${fact.broker} ${text(fact.topic)}`];
    if (fact.kind === 'rpc-call') return [`${fact.location.line} rpc ${fact.protocol} ${fact.operation ?? '∅'} timeout:${fact.guards?.timeout ? 'yes' : 'no'}`];
    if (fact.kind === 'nest-transport') return [`${fact.location.line} transport ${text(fact.token)} ${fact.transport} ${text(fact.address)}`];
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
  it('reads ky instances (10 s default timeout), superagent (chained .timeout/.retry), node:http(s), undici request and Pool', () => {
    const calls = extractFixture('more-clients/clients.ts').facts.flatMap((fact) =>
      fact.kind === 'http-call'
        ? [`${fact.location.line} ${fact.client} ${fact.method ?? '?'} ${text(fact.url)} timeout:${fact.guards?.timeout ? 'yes' : 'no'} retry:${fact.guards?.retry ? 'yes' : 'no'}`]
        : [],
    );
    expect(calls).toEqual([
      '12 ky GET $CATALOG_URL/products/{unknown} timeout:yes retry:no',
      '13 ky POST http://catalog-admin:8080/reindex timeout:yes retry:no',
      // ky aborts after 10 s by default…
      '14 ky POST http://search:9200/_search timeout:yes retry:no',
      '15 superagent GET $REVIEWS_URL/reviews/{unknown} timeout:yes retry:no',
      '16 node:https POST https://ledger:8443/entries timeout:yes retry:no',
      '17 node:http GET http://pricing:3000/prices/{unknown} timeout:no retry:no',
      '18 undici GET $TAX_URL/rates timeout:no retry:no',
      '19 undici GET $STOCK_URL/levels/{unknown} timeout:no retry:no',
      '20 superagent POST $REVIEWS_URL/flags timeout:yes retry:no',
      '21 superagent DELETE $REVIEWS_URL/flags/{unknown} timeout:no retry:no',
      // …unless told `timeout: false`.
      '22 ky GET http://search:9200/_stats timeout:no retry:no',
      '23 superagent GET $REVIEWS_URL/summary/{unknown} timeout:no retry:yes',
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

describe('typescript extractor: enum topics', () => {
  const ENUM_SCENARIO = 'fixtures/rules/no-orphan-event/valid-nest-kafka-enum-topics';
  const scenarioFile = (path: string): SourceFile => ({
    path,
    text: readFileSync(new URL(`../../../${ENUM_SCENARIO}/${path}`, import.meta.url), 'utf8'),
  });

  it('folds enum members used as topics and patterns in the file that declares them, and exports the enums', () => {
    const text = [
      "import { Kafka } from 'kafkajs';",
      "import { ClientKafka, EventPattern } from '@nestjs/microservices';",
      "export enum KafkaTopics { ORDER_CREATED = 'order.created', PAYMENT_DONE = `payment.done` }",
      "export const enum Events { UserSignedUp = 'user_signed_up' }",
      "const producer = new Kafka({ clientId: 'orders', brokers: ['kafka:9092'] }).producer();",
      'export async function publish(messages: { value: string }[]): Promise<void> {',
      '  await producer.send({ topic: KafkaTopics.ORDER_CREATED, messages });',
      '}',
      'export class Handlers {',
      '  constructor(private readonly client: ClientKafka) {}',
      "  @EventPattern(KafkaTopics['PAYMENT_DONE']) handle(): void {}",
      '  signUp(payload: unknown): void { this.client.emit(Events.UserSignedUp, payload); }',
      '}',
    ].join('\n');
    const { facts } = extractSource(text);
    expect(summary(facts)).toEqual(['7 publish kafka order.created', '11 consume nest payment.done', '12 publish nest user_signed_up']);
    expect(ofKind(facts, 'exported-value')).toEqual([
      exportAt(
        atSource(text, 3, 13),
        'KafkaTopics',
        object({ ORDER_CREATED: scalar(lit('order.created')), PAYMENT_DONE: scalar(lit('payment.done')) }),
      ),
      exportAt(atSource(text, 4, 19), 'Events', object({ UserSignedUp: scalar(lit('user_signed_up')) })),
    ]);
  });

  it('exports enums declared apart, renamed, as default and merged, with numeric members numbered', () => {
    const text = [
      "enum Topics { A = 'topic.a', B = `${A}.retry` }",
      "enum Topics { C = 'topic.c' }",
      'enum Priority { Low, High = 10, Urgent }',
      "declare enum Ambient { X = 'x' }",
      'export { Topics, Topics as Renamed, Priority, Ambient };',
      'export default Topics;',
    ].join('\n');
    const topics = object({ A: scalar(lit('topic.a')), B: scalar(lit('topic.a.retry')), C: scalar(lit('topic.c')) });
    expect(ofKind(extractSource(text).facts, 'exported-value')).toEqual([
      exportAt(atSource(text, 5, 10), 'Topics', topics),
      exportAt(atSource(text, 5, 18), 'Renamed', topics),
      exportAt(atSource(text, 5, 37), 'Priority', object({ Low: scalar(lit('0')), High: scalar(lit('10')), Urgent: scalar(lit('11')) })),
      exportAt(atSource(text, 6, 1), 'default', topics),
    ]);
  });

  it('reads enum topics imported from a workspace package as import parts with the member path', () => {
    const file = scenarioFile('services/payments/src/payments.controller.ts');
    const messages = ofKind(extractSource(file.text, file.path).facts, 'message').map((fact) => [fact.location.line, fact.role, fact.topic]);
    expect(messages).toEqual([
      [10, 'consume', value(imp('@shop/contracts', 'KafkaTopics', ['ORDER_CREATED']))],
      [13, 'publish', value(imp('@shop/contracts', 'KafkaTopics', ['PAYMENT_FAILED']))],
      [16, 'publish', value(imp('@shop/contracts', 'KafkaTopics', ['PAYMENT_COMPLETED']))],
    ]);
  });

  it('exports an enum from a file that holds nothing else', () => {
    const file = scenarioFile('packages/contracts/src/topics.ts');
    const expected = [
      exportAt(
        atSource(file.text, 2, 13, file.path),
        'KafkaTopics',
        object({
          ORDER_CREATED: scalar(lit('order.created')),
          PAYMENT_COMPLETED: scalar(lit('payment.completed')),
          PAYMENT_FAILED: scalar(lit('payment.failed')),
        }),
      ),
    ];
    expect(ofKind(extractTypeScript(file, { forceFullWalk: true }).facts, 'exported-value')).toEqual(expected);
    // The prefilter must not skip such a file: without its AST the enum is never exported.
    expect(ofKind(extractSource(file.text, file.path).facts, 'exported-value')).toEqual(expected);
  });

  it('links a ClientKafka.emit of a shared enum member to the @EventPattern of the same member in another service', async () => {
    const result = await analyze({ root: fileURLToPath(new URL(`../../../${ENUM_SCENARIO}`, import.meta.url)) });
    const edges = result.edges.filter((edge) => edge.kind === 'async').map((edge) => `${edge.from} -> ${edge.to} ${edge.confidence}`);
    expect(edges).toEqual([
      // Both apps register and connect Transport.KAFKA: the events sit on Kafka topics, not on `nest`.
      'service:orders -> topic:kafka:order.created resolved',
      'service:payments -> topic:kafka:payment.completed resolved',
      'service:payments -> topic:kafka:payment.failed resolved',
      'topic:kafka:order.created -> service:payments resolved',
      'topic:kafka:payment.completed -> service:orders resolved',
      'topic:kafka:payment.failed -> service:orders resolved',
    ]);
  });
});

/** NestJS wiring per fact: what links each client call to its transport, and the transports themselves. */
function wiring(facts: readonly Fact[]): string[] {
  return facts.flatMap((fact) => {
    const line = fact.location.line;
    if (fact.kind === 'message' && fact.client === 'nestjs-microservices') {
      return [`${line} ${fact.role} ${fact.broker} ${text(fact.topic)} token:${text(fact.nest?.token ?? null)} transport:${fact.nest?.transport ?? '∅'}`];
    }
    if (fact.kind === 'rpc-call') return [`${line} ${fact.protocol} ${fact.operation ?? '∅'} token:${text(fact.token)} address:${text(fact.address)}`];
    if (fact.kind === 'nest-transport') return [`${line} client ${text(fact.token)} ${fact.transport} ${text(fact.address)}`];
    if (fact.kind === 'nest-microservice') return [`${line} server ${fact.transport ?? '∅'} ${text(fact.options)}`];
    return [];
  });
}

describe('typescript extractor: NestJS client wiring', () => {
  const CLIENTS = [
    "import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';",
    "import { ConfigService } from '@nestjs/config';",
    "import { Client, ClientGrpc, ClientKafka, ClientProxy, ClientProxyFactory, ClientsModule, EventPattern, Transport } from '@nestjs/microservices';",
    "import { BILLING } from './tokens';",
    "const PRICING = 'PRICING';",
    '@Module({',
    '  imports: [',
    "    ClientsModule.register([{ name: PRICING, transport: Transport.TCP, options: { host: 'pricing', port: 4000 } }]),",
    "    ClientsModule.registerAsync([{ name: BILLING, inject: [ConfigService], useFactory: (config) => ({ transport: Transport.GRPC, options: { url: config.get('BILLING_URL') } }) }]),",
    '    ClientsModule.registerAsync({',
    "      clients: [{ name: 'EVENTS', useFactory: () => { const options = { transport: Transport.KAFKA }; return options; } }],",
    '    }),',
    '  ],',
    '  providers: [',
    "    { provide: 'AUDIT', inject: [ConfigService], useFactory: (config: ConfigService) => ClientProxyFactory.create({ options: { host: config.get('AUDIT_HOST'), port: 4002 } }) },",
    '  ],',
    '})',
    'export class Wiring {}',
    '@Injectable()',
    'export class Checkout implements OnModuleInit {',
    "  @Inject('AUDIT') private readonly audit: ClientProxy;",
    "  @Client({ transport: Transport.NATS, options: { servers: ['nats://nats:4222'] } }) private readonly nats: ClientProxy;",
    "  private readonly stock = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: 'stock', port: 4001 } });",
    '  private billing!: { charge(request: object): unknown };',
    '  private readonly events: ClientKafka;',
    '  constructor(',
    '    @Inject(PRICING) private readonly pricing: ClientProxy,',
    '    @Inject(BILLING) private readonly grpc: ClientGrpc,',
    "    @Inject('EVENTS') events: ClientKafka,",
    '  ) {',
    '    this.events = events;',
    '  }',
    '  onModuleInit(): void {',
    "    this.billing = this.grpc.getService('BillingService');",
    '  }',
    '  run(): void {',
    "    this.pricing.send({ cmd: 'price' }, {});",
    "    this.stock.send('reserve', {});",
    "    this.events.emit('order.placed', {});",
    "    this.audit.emit('audit.logged', {});",
    "    this.nats.emit('order.nats', {});",
    '  }',
    "  @EventPattern('stock.low', Transport.KAFKA)",
    '  low(): void {}',
    "  @EventPattern('stock.any')",
    '  any(): void {}',
    '}',
  ].join('\n');

  it('links every client to its token or to the transport written where it is made', () => {
    expect(wiring(extractSource(CLIENTS, 'src/checkout.ts').facts)).toEqual([
      '8 client PRICING TCP tcp://pricing:4000',
      '9 client {import} GRPC grpc://$BILLING_URL',
      '11 client EVENTS KAFKA ∅',
      '15 client AUDIT TCP tcp://$AUDIT_HOST:4002',
      '34 grpc BillingService token:{import} address:∅',
      '37 nest-rpc price token:PRICING address:∅',
      '38 nest-rpc reserve token:∅ address:tcp://stock:4001',
      '39 publish nest order.placed token:EVENTS transport:∅',
      '40 publish nest audit.logged token:AUDIT transport:∅',
      '41 publish nest order.nats token:∅ transport:NATS',
      '43 consume nest stock.low token:∅ transport:KAFKA',
      '45 consume nest stock.any token:∅ transport:∅',
    ]);
  });

  it('reads the transports an app serves: createMicroservice, connectMicroservice, options from a const or a module', () => {
    const main = [
      "import { NestFactory } from '@nestjs/core';",
      "import { Transport, type MicroserviceOptions } from '@nestjs/microservices';",
      "import { grpcOptions } from './grpc.options';",
      "import { AppModule } from './app.module';",
      "const redis = { transport: Transport.REDIS, options: { host: 'redis', port: 6379 } };",
      'async function bootstrap(): Promise<void> {',
      "  const worker = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, { transport: Transport.RMQ, options: { urls: ['amqp://rabbitmq'] } });",
      '  const app = await NestFactory.create(AppModule);',
      '  app.connectMicroservice(redis);',
      '  app.connectMicroservice<MicroserviceOptions>(grpcOptions);',
      "  app.connectMicroservice({ options: { port: 4010 } });",
      '  app.connectMicroservice({ strategy: new CustomServer() });',
      '  await worker.listen();',
      '}',
    ].join('\n');
    expect(wiring(extractSource(main, 'src/main.ts').facts)).toEqual([
      '7 server RMQ ∅',
      '9 server REDIS ∅',
      '10 server ∅ {import}',
      '11 server TCP ∅',
    ]);
  });

  it('reads the same wiring from the program the walk parsed as from the one it parses itself', () => {
    const context = { path: 'src/checkout.ts', lines: new LineIndex(CLIENTS) };
    const program = parseFile(context.path, CLIENTS).program();
    const run = (state: MessagingState): Fact[] =>
      collect(program, CLIENTS).events.flatMap((event) => (event.kind === 'call' ? detectMessagingCall(event.node, event.scope, context, state) : []));
    const given = newMessagingState(program);
    const parsed = newMessagingState();
    expect(run(given)).toEqual(run(parsed));
    expect(finishMessaging(given)).toEqual(finishMessaging(parsed));
    expect(given.nest.program).toBe(program);
    expect(parsed.nest.program).not.toBe(program);
  });
});

describe('NestJS events: broker from the transport, through resolve', () => {
  /** Writes a mini repo of `files` (path → text) to a fresh temporary folder. */
  function repo(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'archcheck-nest-brokers-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }
  const manifest = (name: string): string => JSON.stringify({ name, version: '1.0.0', dependencies: { '@nestjs/microservices': '^10.3.0' } });
  const asyncEdges = async (root: string): Promise<string[]> =>
    (await analyze({ root })).edges.filter((edge) => edge.kind === 'async').map((edge) => `${edge.from} -> ${edge.to} ${edge.confidence}`);

  it('puts events on their transport, handlers of a hybrid app on the transport that carries the topic, unknown ones by name', async () => {
    const root = repo({
      'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*', 'packages/*'] }),
      // A shared module registers `AUDIT` for every service that imports it.
      'packages/messaging/package.json': JSON.stringify({ name: '@shop/messaging', version: '1.0.0', main: 'src/index.ts' }),
      'packages/messaging/src/index.ts': [
        "import { Module } from '@nestjs/common';",
        "import { ClientsModule, Transport } from '@nestjs/microservices';",
        "@Module({ imports: [ClientsModule.register([{ name: 'AUDIT', transport: Transport.NATS, options: {} }])] })",
        'export class MessagingModule {}',
      ].join('\n'),
      'services/a/package.json': manifest('a'),
      'services/a/src/app.ts': [
        "import { Inject, Module } from '@nestjs/common';",
        "import { ClientKafka, ClientProxy, ClientsModule, Transport } from '@nestjs/microservices';",
        "@Module({ imports: [ClientsModule.register([{ name: 'BUS', transport: Transport.KAFKA, options: {} }])] })",
        'export class AppModule {}',
        'export class Orders {',
        "  constructor(@Inject('BUS') private readonly bus: ClientKafka, @Inject('AUDIT') private readonly audit: ClientProxy) {}",
        "  created(): void { this.bus.emit('x.created', {}); this.audit.emit('audit.logged', {}); }",
        '}',
      ].join('\n'),
      // b connects nothing archcheck can see: its handler joins the one broker that carries `x.created`.
      'services/b/package.json': manifest('b'),
      'services/b/src/handlers.ts': [
        "import { EventPattern } from '@nestjs/microservices';",
        "export class Handlers { @EventPattern('x.created') on(): void {} }",
      ].join('\n'),
      // c serves TCP and Kafka: each handler listens where its topic is published.
      'services/c/package.json': manifest('c'),
      'services/c/src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { EventPattern, Transport } from '@nestjs/microservices';",
        "export class Handlers { @EventPattern('x.created') a(): void {} @EventPattern('y.tcp') b(): void {} @EventPattern('audit.logged', Transport.NATS) c(): void {} }",
        'const app = await NestFactory.create(Handlers);',
        'app.connectMicroservice({ transport: Transport.TCP, options: { port: 4000 } });',
        'app.connectMicroservice({ transport: Transport.KAFKA, options: {} });',
      ].join('\n'),
      // d: a client made in place (TCP), and one whose token is registered nowhere (stays `nest`).
      'services/d/package.json': manifest('d'),
      'services/d/src/jobs.ts': [
        "import { Inject } from '@nestjs/common';",
        "import { Client, ClientProxy, Transport } from '@nestjs/microservices';",
        'export class Jobs {',
        "  @Client({ transport: Transport.TCP, options: { host: 'c', port: 4000 } }) private readonly tcp!: ClientProxy;",
        "  constructor(@Inject('ELSEWHERE') private readonly other: ClientProxy) {}",
        "  run(): void { this.tcp.emit('y.tcp', {}); this.other.emit('z.lonely', {}); }",
        '}',
      ].join('\n'),
    });
    try {
      expect(await asyncEdges(root)).toEqual([
        'service:a -> topic:kafka:x.created resolved',
        'service:a -> topic:nats:audit.logged resolved',
        'service:d -> topic:nest:z.lonely certain',
        'service:d -> topic:tcp:y.tcp certain',
        'topic:kafka:x.created -> service:b inferred',
        'topic:kafka:x.created -> service:c resolved',
        'topic:nats:audit.logged -> service:c certain',
        'topic:tcp:y.tcp -> service:c resolved',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('meets kafkajs producers and consumers on the NestJS Kafka topics (client token, createMicroservice, imported options)', async () => {
    const root = fileURLToPath(new URL('../../../fixtures/rules/no-orphan-event/valid-kafkajs-meets-nest-kafka', import.meta.url));
    expect(await asyncEdges(root)).toEqual([
      'service:billing -> topic:kafka:invoice.issued resolved',
      'service:orders -> topic:kafka:order.created certain',
      'service:shipping -> topic:kafka:shipment.dispatched resolved',
      'topic:kafka:invoice.issued -> service:notifier certain',
      'topic:kafka:invoice.issued -> service:shipping resolved',
      'topic:kafka:order.created -> service:billing resolved',
      'topic:kafka:shipment.dispatched -> service:orders certain',
    ]);
  });

  it('resolves each gRPC client of a service to the service its own token points at', async () => {
    const root = fileURLToPath(new URL('../../../fixtures/rules/no-sync-call-cycle/invalid-nest-grpc-two-clients', import.meta.url));
    const calls = (await analyze({ root })).edges.filter((edge) => edge.kind === 'sync').map((edge) => `${edge.from} -> ${edge.to} ${edge.protocol}`);
    expect(calls).toEqual(['service:orders -> service:inventory grpc', 'service:orders -> service:payments grpc', 'service:payments -> service:orders grpc']);
  });
});

describe('typescript extractor: gateway proxies and older HTTP clients', () => {
  const calls = (path: string): string[] =>
    extractFixture(path).facts.flatMap((fact) =>
      fact.kind === 'http-call'
        ? [`${fact.location.line} ${fact.client} ${fact.method ?? '*'} ${text(fact.url)} timeout:${fact.guards?.timeout?.line ?? 'no'}`]
        : [],
    );

  it('reads http-proxy-middleware, express-http-proxy, http-proxy, @fastify/http-proxy and reply-from as calls of any method to their targets', () => {
    expect(calls('more-clients/gateway.ts')).toEqual([
      // The mount path is not kept (v2 forwards it, v3 strips it); a literal path filter is, unless rewritten.
      '14 http-proxy-middleware * $ORDERS_URL timeout:14',
      '15 http-proxy-middleware * http://users:3000/users timeout:no',
      '16 http-proxy-middleware * http://users:3000 timeout:no',
      '17 http-proxy-middleware * http://search:9200 timeout:17',
      '18 http-proxy-middleware * http://billing:3000/billing timeout:no',
      '19 http-proxy-middleware * http://reports:3000/reports timeout:no',
      // express-http-proxy keeps only the host's origin.
      '20 express-http-proxy * http://catalog:3000 timeout:20',
      '21 express-http-proxy * http://media:8080 timeout:no',
      // A server with a target is a call; `web()` without one of its own adds none, with one it is one (server's proxyTimeout).
      '22 http-proxy * http://legacy:8000 timeout:22',
      '24 http-proxy * http://ledger:3000 timeout:12',
      '25 http-proxy * http://shard-{unknown}:7000 timeout:12',
      '28 @fastify/http-proxy * http://inventory:3000/levels timeout:28',
      '29 @fastify/http-proxy * $PAYMENTS_URL timeout:no',
      // reply-from's base loses its path; `reply.from` outside the registering plugin, and `Array.from`, are no calls.
      '32 @fastify/reply-from * http://profiles:3000/profiles/me timeout:no',
      '33 @fastify/reply-from POST http://profiles:3000/profiles/me timeout:no',
    ]);
  });

  it('reads request and request-promise (defaults instances, nested), needle and phin under any local name', () => {
    expect(calls('more-clients/legacy-clients.ts')).toEqual([
      '15 request GET http://pricing:3000/prices/{unknown} timeout:no',
      '16 request POST http://orders:3000/orders timeout:16',
      '17 request PUT http://audit:3000/events timeout:no',
      // An instance's `timeout` guards its verb calls and the instance called as a function, and instances made from it.
      '18 request GET $CATALOG_URL/products/{unknown} timeout:8',
      '19 request GET $CATALOG_URL/products/{unknown}/reviews timeout:8',
      '20 request POST http://catalog-admin:8080/reindex timeout:8',
      '21 request-promise-native GET http://ledger:3000/entries timeout:no',
      '22 request-promise-native GET http://stock:3000/levels timeout:22',
      '23 request-promise GET http://search:9200/_stats timeout:no',
      '24 needle POST http://notify:3000/mails timeout:24',
      '25 needle GET http://tax:3000/rates/{unknown} timeout:no',
      '26 phin POST http://geo:3000/lookup timeout:26',
    ]);
  });

  it('links an express gateway to the services it proxies to, at the routes the proxied paths reach', async () => {
    const root = fileURLToPath(new URL('../../../fixtures/rules/require-timeout/invalid-gateway-proxies', import.meta.url));
    const edges: string[] = [];
    await analyze({
      root,
      onModel: (model) => {
        for (const call of model.calls) {
          const target = call.target.kind === 'service' ? call.target.service : call.target.kind;
          edges.push(`${call.location.line} ${target} ${call.url} route:${call.route ? `${call.route.file}:${call.route.line}` : 'none'}`);
        }
      },
    });
    expect(edges).toEqual(['8 orders http://orders:3000/orders route:orders/src/main.ts:6', '11 users http://users:3000/users route:none']);
  });
});
