/** Facts about messaging, resilience guards and mesh policies (issue #3); kept apart from facts.ts to limit churn. */
import type { Evidence } from './location.js';
import type { FoldedValue } from './value.js';

/** Where a guard was seen, per kind; null when the extractor saw none for the call site. */
export interface CallGuards {
  timeout: Evidence | null;
  breaker: Evidence | null;
  retry: Evidence | null;
}

/** A wrapper imported from another module (`withBreaker(() => call)`); resolve reads its {@link GuardWrapperFact}. */
export interface WrapperRef {
  specifier: string;
  name: string;
  location: Evidence;
}

/** A message published to or consumed from a broker destination (topic, queue, subject, routing key). */
export interface MessageFact {
  kind: 'message';
  location: Evidence;
  extractor: string;
  /** `kafka`, `amqp`, `nats`, `redis`, `bullmq`, `sqs`, `sns`, `eventbridge`, `pubsub`, `nest` (transport from config). */
  broker: string;
  role: 'publish' | 'consume';
  /** Client family that made it: `kafkajs`, `amqplib`, `nestjs-microservices`, … */
  client: string;
  /** The destination name, constant-folded. */
  topic: FoldedValue;
}

/** A synchronous non-HTTP request: gRPC, NestJS `ClientProxy.send`, GraphQL posting to a service. */
export interface RpcCallFact {
  kind: 'rpc-call';
  location: Evidence;
  extractor: string;
  protocol: 'grpc' | 'nest-rpc' | 'graphql';
  client: string;
  /** Pattern or method name (`{ cmd: 'get-price' }` → `get-price`), when known. */
  operation: string | null;
  /** Target address when configured in the same file (`url`, host:port), else null (resolve reads transports). */
  address: FoldedValue | null;
  /** The NestJS client token (`@Inject('PRICING')`), used to find its `ClientsModule.register` entry. */
  token: string | null;
  guards?: CallGuards;
}

/** `ClientsModule.register([{ name, transport, options }])`: where a NestJS client token points. */
export interface NestTransportFact {
  kind: 'nest-transport';
  location: Evidence;
  extractor: string;
  token: string;
  /** `TCP`, `REDIS`, `NATS`, `KAFKA`, `RMQ`, `GRPC`, … */
  transport: string;
  /** Host (TCP/gRPC `host`, `url`/`urls[0]`/`servers[0]`), folded. */
  address: FoldedValue | null;
}

/** A guard that applies to a whole module of a service: `HttpModule.register({ timeout })`, `axios.defaults.timeout`. */
export interface ModuleGuardFact {
  kind: 'module-guard';
  location: Evidence;
  extractor: string;
  /** HTTP client family it applies to. */
  client: string;
  guard: 'timeout' | 'breaker' | 'retry';
}

/** An exported function or class that runs what it is given through a guard (a shared breaker wrapper). */
export interface GuardWrapperFact {
  kind: 'guard-wrapper';
  location: Evidence;
  extractor: string;
  /** Export name. */
  name: string;
  guards: ('timeout' | 'breaker' | 'retry')[];
}

/** A service-mesh policy for a host (Istio DestinationRule / VirtualService, Linkerd ServiceProfile). */
export interface MeshPolicyFact {
  kind: 'mesh-policy';
  location: Evidence;
  extractor: string;
  /** Target host as written (`payments`, `payments.shop.svc.cluster.local`). */
  host: string;
  namespace: string;
  breaker: Evidence | null;
  timeout: Evidence | null;
  retry: Evidence | null;
}

/** A route a service serves: `app.get('/orders/:id', …)`, `@Controller('orders')` + `@Get(':id')`. */
export interface RouteFact {
  kind: 'route';
  location: Evidence;
  extractor: string;
  /** `express`, `fastify`, `koa-router`, `hono`, `nestjs`. */
  framework: string;
  /** Upper-case HTTP method; null for `all` (any method). */
  method: string | null;
  /** Full path with same-file prefixes applied (`/api/orders/:id`); always starts with `/`. */
  path: string;
}
