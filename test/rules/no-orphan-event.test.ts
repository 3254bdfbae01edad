import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { analyzeFixture, configFile, findingLines, fixtureRoot, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'no-orphan-event';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

  it('links producers to consumers through topic nodes for every broker family', async () => {
    const result = await analyzeFixture(RULE, 'valid-every-broker-matched');
    expect(result.edges.filter((edge) => edge.kind === 'async').map((edge) => `${edge.from} -> ${edge.to} (${edge.protocol})`)).toEqual([
      'service:orders -> topic:amqp:orders (amqp)',
      'service:orders -> topic:bullmq:invoices (bullmq)',
      'service:orders -> topic:nest:order.shipped (nest)',
      'service:orders -> topic:redis:order-status (redis)',
      'service:orders -> topic:sns:partner-orders (sns)',
      'service:warehouse -> topic:nest:stock.reserved (nest)',
      'topic:amqp:orders -> service:warehouse (amqp)',
      'topic:bullmq:invoices -> service:notifier (bullmq)',
      'topic:nest:order.shipped -> service:notifier (nest)',
      'topic:nest:stock.reserved -> service:orders (nest)',
      'topic:redis:order-status -> service:notifier (redis)',
    ]);
  });

  it('takes a @MessagePattern handler for a consumer of the events emitted with its pattern, and only of those', async () => {
    const result = await analyzeFixture(RULE, 'valid-nest-message-pattern-receives-events');
    expect(result.edges.filter((edge) => edge.kind === 'async').map((edge) => `${edge.from} -> ${edge.to} (${edge.protocol})`)).toEqual([
      'service:orders -> topic:kafka:orders (kafka)',
      'service:payments -> topic:kafka:payments (kafka)',
      'topic:kafka:orders -> service:payments (kafka)',
      'topic:kafka:payments -> service:orders (kafka)',
    ]);
  });

  it('says which side is missing', async () => {
    const result = await analyzeFixture(RULE, 'invalid-kafka-topic-typo');
    expect(result.findings.filter((finding) => finding.ruleId === RULE).map((finding) => [finding.messageId, finding.data])).toEqual([
      ['unpublished', { service: 'billing', broker: 'kafka', topic: 'order.payed' }],
      ['unconsumed', { service: 'checkout', broker: 'kafka', topic: 'cart.abandoned' }],
    ]);
  });

  it('reads the top-level externalTopics config key on top of the rule option', async () => {
    const root = fixtureRoot(RULE, 'invalid-kafka-topic-typo');
    const topLevel = await analyze({ root, configFile: configFile({ externalTopics: ['kafka:cart.*'] }) });
    expect(topLevel.findings.filter((finding) => finding.ruleId === RULE).map((finding) => finding.data['topic'])).toEqual(['order.payed']);
    const both = await analyze({
      root,
      configFile: configFile({ externalTopics: ['kafka:cart.*'], rules: { [RULE]: ['warning', { externalTopics: ['order.payed'] }] } }),
    });
    expect(findingLines(both, RULE)).toEqual([]);
  });
});
