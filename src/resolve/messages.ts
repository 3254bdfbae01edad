/**
 * Resolves message facts to topics: the destination name rendered per service, one topic per distinct name. A NestJS
 * event (`emit`, `@EventPattern`) travels on the broker of its transport: the emitting client's `ClientsModule` entry,
 * or the transports the consuming app connects (`createMicroservice`, `connectMicroservice`), so it meets producers
 * and consumers of other client libraries on one topic. When that transport is unknown the broker stays `nest`.
 */
import type { Confidence, Evidence, Fact, FoldedValue, MessageFact, ResolvedMessage } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import { onlyPart } from '../shared/folded.js';
import { isProductionSource } from './production.js';
import { clientsNamed, type NestClient, type NestClients } from './rpc.js';
import { HOLE, importedValue, renderValue, weakest, type RenderContext } from './values.js';

export type RenderContextOf = (service: string) => RenderContext;

/** Broker of each NestJS `Transport`. */
const BROKERS: ReadonlyMap<string, string> = new Map([
  ['KAFKA', 'kafka'],
  ['REDIS', 'redis'],
  ['NATS', 'nats'],
  ['RMQ', 'amqp'],
  ['MQTT', 'mqtt'],
  ['TCP', 'tcp'],
  ['GRPC', 'grpc'],
]);
const UNKNOWN_BROKER = 'nest';
// Broker of `@MessagePattern` handler facts and client of NestJS messages (see messaging/nest.ts).
const NEST_RPC = 'nest-rpc';
const NEST_CLIENT = 'nestjs-microservices';
// Hops through re-exported options objects (`export const options = baseOptions`).
const MAX_HOPS = 4;

/** A broker a NestJS message may travel on, why, and how sure: `resolved` when it took a link across files. */
interface Choice {
  broker: string;
  via: string;
  confidence: Confidence;
}

/** A NestJS message whose broker is settled once every other message is known. */
interface Open {
  message: ResolvedMessage;
  choices: Choice[];
}

/** Messages of production code in services; destinations archcheck cannot name are left out. */
export function resolveMessages(facts: readonly Fact[], owners: OwnerOf, contextOf: RenderContextOf, clients: NestClients): ResolvedMessage[] {
  const servers = serverTransports(facts, owners, contextOf);
  const decided: ResolvedMessage[] = [];
  const open: Open[] = [];
  const rpcHandlers: MessageFact[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'message' || !isProductionSource(fact.location.file)) continue;
    // `@MessagePattern` handlers answer synchronous `send`s (rpc.ts links them); they are a topic only for an `emit`.
    if (fact.broker === NEST_RPC) {
      rpcHandlers.push(fact);
      continue;
    }
    const owner = owners(fact.location.file);
    if (owner?.kind !== 'service') continue;
    const context = contextOf(owner.name);
    const choices = fact.broker === UNKNOWN_BROKER ? nestChoices(fact, owner.name, context, clients, servers) : [];
    const seen = new Set<string>();
    for (const rendering of renderValue(fact.topic, fact.location.file, context)) {
      if (rendering.text.includes(HOLE) || rendering.text === '') continue;
      const topic = topicName(fact, rendering.text);
      if (seen.has(topic)) continue;
      seen.add(topic);
      const message: ResolvedMessage = {
        service: owner.name,
        broker: fact.broker,
        topic,
        role: fact.role,
        client: fact.client,
        location: fact.location,
        confidence: rendering.confidence,
        via: rendering.via,
      };
      const [only] = choices;
      if (fact.broker !== UNKNOWN_BROKER) decided.push(message);
      else if (choices.length === 1 && only) decided.push(onBroker(message, only));
      else open.push({ message, choices });
    }
  }
  const messages = [...decided, ...settle(decided, open)];
  return [...messages, ...eventsToRpcHandlers(rpcHandlers, messages, owners, contextOf)];
}

/**
 * A NestJS server dispatches an event to whatever handler has its pattern, `@MessagePattern` included (common with
 * Kafka, where both decorators subscribe the same topic): a message handler is a consumer of every NestJS `emit`
 * of its pattern. Handlers no `emit` reaches stay out, so request-reply handlers are never orphan topics.
 */
function eventsToRpcHandlers(handlers: readonly MessageFact[], messages: readonly ResolvedMessage[], owners: OwnerOf, contextOf: RenderContextOf): ResolvedMessage[] {
  const emitted = new Map<string, ResolvedMessage[]>();
  for (const message of messages) {
    if (message.role !== 'publish' || message.client !== NEST_CLIENT) continue;
    emitted.set(message.topic, [...(emitted.get(message.topic) ?? []), message]);
  }
  const consumers: ResolvedMessage[] = [];
  for (const fact of handlers) {
    const owner = owners(fact.location.file);
    if (owner?.kind !== 'service') continue;
    for (const rendering of renderValue(fact.topic, fact.location.file, contextOf(owner.name))) {
      const publishers = emitted.get(rendering.text) ?? [];
      for (const broker of new Set(publishers.map((publisher) => publisher.broker))) {
        consumers.push({
          service: owner.name,
          broker,
          topic: rendering.text,
          role: 'consume',
          client: fact.client,
          location: fact.location,
          confidence: weakest(rendering.confidence, 'resolved'),
          via: [...rendering.via, `@MessagePattern handler also receives events emitted with pattern ${rendering.text}`],
        });
      }
    }
  }
  return consumers;
}

/** SQS queue URLs and SNS topic ARNs name the destination in their last segment. */
function topicName(fact: MessageFact, text: string): string {
  if (fact.broker === 'sqs') return text.slice(text.lastIndexOf('/') + 1);
  if (fact.broker === 'sns') return text.slice(text.lastIndexOf(':') + 1);
  return text;
}

/** Brokers a NestJS event may travel on: its own transport, its client's, or (handlers) every one the app connects. */
function nestChoices(fact: MessageFact, service: string, context: RenderContext, clients: NestClients, servers: ServerIndex): Choice[] {
  const where = `${fact.location.file}:${fact.location.line}`;
  if (fact.nest?.transport) return [choice(fact.nest.transport, `NestJS Transport.${fact.nest.transport} (${where})`, 'certain')];
  const imported = fact.nest?.options ? importedTransport(fact.nest.options, fact.location.file, context) : null;
  if (imported !== null) return [choice(imported, `NestJS client options with Transport.${imported} (${where})`, 'resolved')];
  if (fact.role === 'publish' && fact.nest?.token) {
    const named = clientsNamed(clients, service, fact.nest.token, fact.location.file, context) ?? [];
    const via = (entry: NestClient['fact'], token: string): string =>
      `client token '${token}' → Transport.${entry.transport} (${entry.location.file}:${entry.location.line})`;
    return distinct(named.map(({ fact: entry, tokens }) => choice(entry.transport, via(entry, tokens[0] ?? ''), 'resolved')));
  }
  if (fact.role === 'consume') {
    const via = (server: Server): string => `${service} connects Transport.${server.transport} (${server.location.file}:${server.location.line})`;
    return distinct((servers.get(service) ?? []).map((server) => choice(server.transport, via(server), 'resolved')));
  }
  return [];
}

function choice(transport: string, via: string, confidence: Confidence): Choice {
  return { broker: BROKERS.get(transport) ?? transport.toLowerCase(), via, confidence };
}

function distinct(choices: Choice[]): Choice[] {
  return choices.filter((entry, index) => choices.findIndex((other) => other.broker === entry.broker) === index);
}

function onBroker(message: ResolvedMessage, chosen: Choice): ResolvedMessage {
  return { ...message, broker: chosen.broker, via: [chosen.via, ...message.via], confidence: weakest(message.confidence, chosen.confidence) };
}

/**
 * Brokers left open: a handler of an app with several transports listens on each that carries the topic from the
 * other side; a NestJS message whose transport is unknown joins the one broker that carries a topic of the same name
 * (inferred); anything else stays on `nest`, where same-named NestJS messages still meet.
 */
function settle(decided: readonly ResolvedMessage[], open: readonly Open[]): ResolvedMessage[] {
  const sides = new Map<string, Map<string, Set<ResolvedMessage['role']>>>();
  const note = (message: ResolvedMessage): void => {
    const brokers = sides.get(message.topic) ?? new Map<string, Set<ResolvedMessage['role']>>();
    brokers.set(message.broker, (brokers.get(message.broker) ?? new Set()).add(message.role));
    sides.set(message.topic, brokers);
  };
  decided.forEach(note);
  const settled: ResolvedMessage[] = [];
  const unknown: Open[] = [];
  for (const entry of open) {
    const other = entry.message.role === 'publish' ? 'consume' : 'publish';
    const met = entry.choices.filter((candidate) => sides.get(entry.message.topic)?.get(candidate.broker)?.has(other));
    if (met.length === 0) unknown.push(entry);
    else settled.push(...met.map((candidate) => onBroker(entry.message, candidate)));
  }
  settled.forEach(note);
  for (const { message, choices } of unknown) {
    const other = message.role === 'publish' ? 'consume' : 'publish';
    const carriers = [...(sides.get(message.topic) ?? new Map<string, Set<ResolvedMessage['role']>>())]
      .filter(([broker]) => broker !== UNKNOWN_BROKER && (choices.length === 0 || choices.some((candidate) => candidate.broker === broker)));
    const facing = carriers.filter(([, roles]) => roles.has(other));
    const [pick] = facing.length > 0 ? facing : carriers;
    if ((facing.length === 1 || (facing.length === 0 && carriers.length === 1)) && pick) {
      const via = `NestJS transport unknown; joins the ${pick[0]} topic of the same name`;
      settled.push(onBroker(message, { broker: pick[0], via, confidence: 'inferred' }));
    } else {
      settled.push(message);
    }
  }
  return settled;
}

/** One transport the app serves on. */
interface Server {
  transport: string;
  location: Evidence;
}

/** The app's own NestJS transports, by service. */
type ServerIndex = ReadonlyMap<string, readonly Server[]>;

function serverTransports(facts: readonly Fact[], owners: OwnerOf, contextOf: RenderContextOf): ServerIndex {
  const servers = new Map<string, Server[]>();
  for (const fact of facts) {
    if (fact.kind !== 'nest-microservice' || !isProductionSource(fact.location.file)) continue;
    const owner = owners(fact.location.file);
    if (owner?.kind !== 'service') continue;
    const transport = fact.transport ?? (fact.options ? importedTransport(fact.options, fact.location.file, contextOf(owner.name)) : null);
    if (transport !== null) servers.set(owner.name, [...(servers.get(owner.name) ?? []), { transport, location: fact.location }]);
  }
  return servers;
}

/** The `transport` of an options object another module exports (`export const kafkaOptions = { transport: … }`). */
function importedTransport(options: FoldedValue, file: string, context: RenderContext): string | null {
  let part = onlyPart(options);
  let from = file;
  for (let hop = 0; hop < MAX_HOPS && part?.kind === 'import'; hop++) {
    const found = importedValue(part, from, context);
    if (found === null) return null;
    if (found.value.kind === 'object') {
      const transport = found.value.properties['transport'];
      return transport?.kind === 'scalar' ? transportMember(transport.value) : null;
    }
    part = onlyPart(found.value.value);
    from = found.file;
  }
  return null;
}

/** `Transport.KAFKA` as folded in the exporting module: an import of `@nestjs/microservices` with that path. */
function transportMember(value: FoldedValue): string | null {
  const part = onlyPart(value);
  if (part?.kind !== 'import' || part.specifier !== '@nestjs/microservices') return null;
  const [enumName, member, ...rest] = part.name === '*' ? part.path : [part.name, ...part.path];
  return enumName === 'Transport' && member !== undefined && rest.length === 0 && BROKERS.has(member) ? member : null;
}
