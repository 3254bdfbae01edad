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
  /** NestJS `emit` / `@EventPattern`: what names the transport that decides the broker (see {@link NestRoute}). */
  nest?: NestRoute;
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
  /**
   * The NestJS client token (`@Inject('PRICING')`, `@Inject(PRICING)` with an imported constant), folded; resolve
   * renders it to find the client's `ClientsModule` entry.
   */
  token: FoldedValue | null;
  guards?: CallGuards;
}

/**
 * Where a NestJS client token points: `ClientsModule.register([{ name, transport, options }])`, `registerAsync` with a
 * `useFactory`, or a `{ provide, useFactory: () => ClientProxyFactory.create(options) }` provider.
 */
export interface NestTransportFact {
  kind: 'nest-transport';
  location: Evidence;
  extractor: string;
  /** `name` / `provide`, folded (an imported constant is an import part). */
  token: FoldedValue;
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
  /**
   * The requests the policy applies to, when its route has conditions (Istio `http[].match`, entries that apply to
   * mesh traffic only): a request fits when it fits any entry. Absent: every request to the host.
   */
  match?: MeshRequestMatch[];
  /**
   * The conditions of the routes before it in its VirtualService: Istio takes the first route that fits, so a request
   * fitting any of these gets an earlier route's policy, not this one. Absent when no route comes before.
   */
  precededBy?: MeshRequestMatch[];
}

/** One Istio `HTTPMatchRequest` as it applies to mesh traffic: a request fits when it meets every condition given. */
export interface MeshRequestMatch {
  /** Condition on the request path (`uri`). */
  path?: MeshStringMatch;
  /** `ignoreUriCase: true`: the path condition ignores case. */
  ignoreCase?: true;
  /** Condition on the HTTP method (`method`). */
  method?: MeshStringMatch;
  /**
   * Keys of the other conditions, which no call site can be checked against (`headers`, `queryParams`, `port`,
   * `sourceLabels`, …), sorted; a call never surely fits an entry that has some.
   */
  unchecked?: string[];
}

/** An Istio `StringMatch`: exactly one of `exact`, `prefix` or `regex` (RE2, matched against the whole value). */
export type MeshStringMatch = { exact: string } | { prefix: string } | { regex: string };

/** A route a service serves: `app.get('/orders/:id', …)`, `@Controller('orders')` + `@Get(':id')`. */
export interface RouteFact {
  kind: 'route';
  location: Evidence;
  extractor: string;
  /** `express`, `fastify`, `koa-router`, `hono`, `nestjs`. */
  framework: string;
  /** Upper-case HTTP method; null for `all` (any method). */
  method: string | null;
  /** Path with same-file prefixes applied (`/api/orders/:id`); always starts with `/`. */
  path: string;
  /**
   * Set when the route is declared on a router, plugin or controller its file exports: `path` is relative to where
   * another file mounts that export ({@link RouteMountFact}); resolve composes the prefixes.
   */
  relativeTo?: ExportedRouter;
}

/** A router, fastify plugin or NestJS controller/module its file exports, which other files may mount. */
export interface ExportedRouter {
  /** Names it is exported under (`default` for `export default` and `module.exports =`). */
  exports: string[];
  /**
   * The fact counts only where another file mounts the export (never with its relative path alone): the router is
   * also mounted in its own file, or the receiver is an untyped parameter taken for a fastify instance by shape.
   */
  mountedOnly?: true;
}

/**
 * A router or plugin from another module (or, for NestJS, a class of this one) mounted under a prefix:
 * `app.use('/api', ordersRouter)`, `app.register(ordersRoutes, { prefix })`, `@Module({ controllers })`,
 * `RouterModule.register([{ path, module }])`.
 */
export interface RouteMountFact {
  kind: 'route-mount';
  location: Evidence;
  extractor: string;
  /** Framework of the mounting app or router: `express`, `fastify`, `koa-router`, `hono`, `nestjs`. */
  framework: string;
  /** Prefix with the mounting router's same-file prefixes applied (`/api/orders`); `/` for none. */
  prefix: string;
  /** Import specifier of the mounted router; null for a class of this same file. */
  specifier: string | null;
  /** Export name mounted (`default` for a default import, `require()` or a namespace). */
  name: string;
  /** Set when the mounting router is itself exported: `prefix` is relative to where that export is mounted. */
  relativeTo?: ExportedRouter;
}

/** `app.setGlobalPrefix('api')`: a prefix for every NestJS route of the service. */
export interface RoutePrefixFact {
  kind: 'route-prefix';
  location: Evidence;
  extractor: string;
  framework: string;
  /** Normalized prefix (`/api`). */
  prefix: string;
  /** Normalized literal paths of the `exclude` option, which keep their own path. */
  exclude: string[];
}

/** How a NestJS event reaches its broker; resolve turns it into the broker of the message. */
export interface NestRoute {
  /** Token of the client that emits (`@Inject('EVENTS')`): its `ClientsModule` entry names the transport. */
  token: FoldedValue | null;
  /**
   * Transport written where the client or handler is: `@Client({ transport: Transport.KAFKA })`,
   * `ClientProxyFactory.create(…)`, `@EventPattern('x', Transport.KAFKA)`. Null when it comes from elsewhere.
   */
  transport: string | null;
  /** Options of a client made in place but imported from another module (`ClientProxyFactory.create(kafkaOptions)`). */
  options: FoldedValue | null;
}

/** The app's own NestJS transport: `NestFactory.createMicroservice(AppModule, options)`, `app.connectMicroservice(options)`. */
export interface NestMicroserviceFact {
  kind: 'nest-microservice';
  location: Evidence;
  extractor: string;
  /** `KAFKA`, `TCP`, … (the Nest default `TCP` when the options name none); null when not known in this file. */
  transport: string | null;
  /** The options object when it is imported from another module; resolve reads its `transport` there. */
  options: FoldedValue | null;
}
