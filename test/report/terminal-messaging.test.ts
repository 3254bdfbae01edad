import { describe, expect, it } from 'vitest';
import { createStyle, SGR_CODES } from '../../src/report/ansi.js';
import { reporters } from '../../src/report/index.js';
import { renderAsyncMessaging } from '../../src/report/terminal-messaging.js';
import type { Result, ResultEdge } from '../../src/types/index.js';
import { loadRecordedResult } from './recorded-results.js';

const ESC = '\u001b';

/** An async edge: `publish` goes service → topic, `consume` topic → service. */
function message(role: 'publish' | 'consume', service: string, broker: string, topic: string, line = 1): ResultEdge {
  const [from, to] = role === 'publish' ? [`service:${service}`, `topic:${broker}:${topic}`] : [`topic:${broker}:${topic}`, `service:${service}`];
  return { from, to, kind: 'async', protocol: broker, confidence: 'certain', locations: [{ file: `${service}/src/events.ts`, line }] };
}

function withEdges(edges: ResultEdge[]): Result {
  const clean = loadRecordedResult('clean.json');
  return { ...clean, edges: [...clean.edges, ...edges] };
}

describe('terminal report: asynchronous messaging', () => {
  const result = withEdges([
    message('consume', 'shipping', 'kafka', 'order.created'),
    message('publish', 'orders', 'kafka', 'order.created'),
    message('consume', 'billing', 'kafka', 'order.created'),
    message('publish', 'orders', 'kafka', 'order.cancelled'),
    message('consume', 'catalog', 'redis', 'cache:invalidate'),
    message('publish', 'checkout', 'amqp', 'payments'),
    message('publish', 'orders', 'amqp', 'payments'),
    message('consume', 'payments', 'amqp', 'payments'),
  ]);

  it('prints one line per topic, by broker then name: publishers → consumers, a missing side named', () => {
    expect(renderAsyncMessaging(result, createStyle(false))).toEqual([
      'Asynchronous messaging',
      '  amqp payments: checkout, orders → payments',
      '  kafka order.cancelled: orders → (no consumer)',
      '  kafka order.created: orders → billing, shipping',
      '  redis cache:invalidate: (no publisher) → catalog',
    ]);
  });

  it('comes right after the synchronous calls, and the summary line counts the topics', () => {
    const lines = reporters.text(result, { color: false }).split('\n');
    const sync = lines.indexOf('Synchronous calls');
    const async = lines.indexOf('Asynchronous messaging');
    expect(sync).toBeGreaterThanOrEqual(0);
    expect(async).toBeGreaterThan(sync);
    expect(lines.slice(sync + 1, async).every((line) => line.startsWith('  '))).toBe(true);
    expect(lines.at(-2)).toBe('✔ No architecture problems found · 2 services · 1 sync call · 4 topics · score: unscored');
  });

  it('prints nothing, and counts no topics, when there is no messaging', () => {
    const clean = loadRecordedResult('clean.json');
    expect(renderAsyncMessaging(clean, createStyle(false))).toEqual([]);
    expect(reporters.text(clean, { color: false })).not.toContain('topic');
  });

  it('shows the first 30 topics and counts the rest; long service lists are cut too', () => {
    const many = withEdges([
      ...Array.from({ length: 45 }, (_, i) => message('publish', 'orders', 'kafka', `topic.${String(i).padStart(2, '0')}`)),
      ...Array.from({ length: 11 }, (_, i) => message('consume', `consumer-${String(i).padStart(2, '0')}`, 'kafka', 'topic.00')),
    ]);
    const lines = renderAsyncMessaging(many, createStyle(false));
    expect(lines).toHaveLength(32);
    expect(lines[1]).toBe(
      '  kafka topic.00: orders → consumer-00, consumer-01, consumer-02, consumer-03, consumer-04, consumer-05, consumer-06, consumer-07 +3 more',
    );
    expect(lines[30]).toBe('  kafka topic.29: orders → (no consumer)');
    expect(lines[31]).toBe('  … and 15 more topics; --format json lists them all');
    expect(reporters.text(many, { color: false })).toContain(' · 45 topics · ');
  });

  it('sanitizes broker and topic names and cannot forge report lines through them', () => {
    const hostile = withEdges([
      message('publish', 'orders', 'kafka\u001b[31m', 'order\n✔ forged\u001b]8;;https://x\u0007'),
      message('consume', 'billing', 'kafka\u001b[31m', 'order\n✔ forged\u001b]8;;https://x\u0007'),
    ]);
    const plain = renderAsyncMessaging(hostile, createStyle(false));
    expect(plain).toEqual(['Asynchronous messaging', '  kafka order ✔ forged: orders → billing']);
    const colored = reporters.text(hostile, { color: true });
    expect(colored.replace(new RegExp(`\\u001b\\[(?:${SGR_CODES.join('|')})m`, 'g'), '')).not.toContain(ESC);
    expect(colored.split('\n').filter((line) => line.startsWith('✔'))).toHaveLength(0);
  });

  it('is deterministic whatever the edge order', () => {
    const reversed = { ...result, edges: [...result.edges].reverse() };
    expect(reporters.text(reversed, { color: true })).toBe(reporters.text(result, { color: true }));
  });
});
