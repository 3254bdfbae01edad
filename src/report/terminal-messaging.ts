/** The text report's asynchronous-messaging lines: who publishes and who consumes each topic. */
import type { Result } from '../types/result.js';
import type { Style } from './ansi.js';
import { sanitize } from './sanitize.js';
import { compareStrings, count, nodeLabel } from './text-format.js';

// A monorepo with hundreds of topics would bury the rest of the report; the JSON output lists them all.
const MAX_TOPICS_SHOWN = 30;
const MAX_SERVICES_SHOWN = 8;

/** One topic and the services on each side of it. */
interface TopicLinks {
  broker: string;
  name: string;
  publishers: Set<string>;
  consumers: Set<string>;
}

/** `kafka order.created: orders → billing, shipping`, one line per topic; nothing when no topic is known. */
export function renderAsyncMessaging(result: Result, style: Style): string[] {
  const topics = topicLinks(result);
  if (topics.length === 0) return [];
  const lines = topics.slice(0, MAX_TOPICS_SHOWN).map((topic) => {
    const publishers = serviceList(topic.publishers, '(no publisher)', style);
    const consumers = serviceList(topic.consumers, '(no consumer)', style);
    return `  ${style.dim(sanitize(topic.broker))} ${sanitize(topic.name)}: ${publishers} → ${consumers}`;
  });
  const hidden = topics.length - MAX_TOPICS_SHOWN;
  if (hidden > 0) lines.push(`  ${style.dim(`… and ${count(hidden, 'more topic', 'more topics')}; --format json lists them all`)}`);
  return [style.bold('Asynchronous messaging'), ...lines];
}

/** How many topics the async edges link (for the summary line). */
export function topicCount(result: Result): number {
  return topicLinks(result).length;
}

/** Topics of the `async` edges (service → topic publishes, topic → service consumes), by broker then name. */
function topicLinks(result: Result): TopicLinks[] {
  const byKey = new Map<string, TopicLinks>();
  const topicOf = (key: string, broker: string): TopicLinks => {
    let topic = byKey.get(key);
    if (topic === undefined) {
      topic = { ...splitTopicKey(key, broker), publishers: new Set(), consumers: new Set() };
      byKey.set(key, topic);
    }
    return topic;
  };
  for (const edge of result.edges) {
    if (edge.kind !== 'async') continue;
    if (edge.to.startsWith('topic:')) topicOf(edge.to, edge.protocol).publishers.add(nodeLabel(edge.from));
    else if (edge.from.startsWith('topic:')) topicOf(edge.from, edge.protocol).consumers.add(nodeLabel(edge.to));
  }
  return [...byKey.values()].sort((a, b) => compareStrings(a.broker, b.broker) || compareStrings(a.name, b.name));
}

/** `topic:kafka:order.created` → kafka, order.created; the edge's protocol is the broker, so names may hold `:`. */
function splitTopicKey(key: string, broker: string): { broker: string; name: string } {
  const prefix = `topic:${broker}:`;
  if (key.startsWith(prefix)) return { broker, name: key.slice(prefix.length) };
  const rest = key.slice('topic:'.length);
  const colon = rest.indexOf(':');
  return colon < 0 ? { broker, name: rest } : { broker: rest.slice(0, colon), name: rest.slice(colon + 1) };
}

/** `billing, shipping`, the first few by name and `+N more`; `missing` (highlighted) when there are none. */
function serviceList(services: ReadonlySet<string>, missing: string, style: Style): string {
  if (services.size === 0) return style.yellow(missing);
  const names = [...services].sort(compareStrings);
  const more = names.length > MAX_SERVICES_SHOWN ? ` +${names.length - MAX_SERVICES_SHOWN} more` : '';
  return `${names.slice(0, MAX_SERVICES_SHOWN).join(', ')}${more}`;
}
