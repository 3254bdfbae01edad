/** `--trace from,to`: why edges from one node to another exist, with every call site, its evidence and guards. */
import type { Model, ResolvedCall, ResolvedGuard, ResolvedMessage } from '../types/index.js';
import { sanitize } from '../report/sanitize.js';

/** Parses `orders,payments` or `orders->payments`; null when it is not two names. */
export function parseTrace(text: string): { from: string; to: string } | null {
  const parts = text.includes('->') ? text.split('->') : text.split(',');
  const [from, to] = parts.map((part) => part.trim());
  return parts.length === 2 && from && to ? { from, to } : null;
}

/** Plain-text explanation of every call from `from` to `to` and every topic linking them. */
export function explainEdge(model: Model, from: string, to: string): string {
  const calls = model.calls.filter((call) => call.from === from && targetLabel(call) === to);
  const lines: string[] = [];
  for (const call of calls) lines.push(...explainCall(call));
  lines.push(...explainTopics(model.messages ?? [], from, to));
  if (lines.length === 0) return `No edge from ${sanitize(from)} to ${sanitize(to)}: no resolved call site or shared topic links them.\n`;
  return `Why ${sanitize(from)} → ${sanitize(to)}:\n${lines.join('\n')}\n`;
}

function targetLabel(call: ResolvedCall): string {
  if (call.target.kind === 'service') return call.target.service;
  return call.target.kind === 'external' ? call.target.host : 'unknown';
}

function explainCall(call: ResolvedCall): string[] {
  const where = `${call.location.file}:${call.location.line}${call.location.column === undefined ? '' : `:${call.location.column}`}`;
  const lines = [
    `  ${[call.protocol, call.method, call.url].filter((part) => part !== null && part !== '').join(' ')}`,
    `    at ${where} (${call.client}, confidence ${call.confidence})`,
    `    code: ${(call.location.snippet ?? '').trim()}`,
  ];
  for (const step of call.via) lines.push(`    via ${step}`);
  if (call.route) lines.push(`    route: ${call.route.file}:${call.route.line} ${(call.route.snippet ?? '').trim()}`);
  if (call.guards) {
    lines.push(`    timeout: ${guardText(call.guards.timeout)}; breaker: ${guardText(call.guards.breaker)}; retry: ${guardText(call.guards.retry)}`);
  }
  return lines.map(sanitize);
}

function guardText(guard: ResolvedGuard | null): string {
  return guard === null ? 'none' : `${guard.layer} (${guard.location.file}:${guard.location.line})`;
}

function explainTopics(messages: readonly ResolvedMessage[], from: string, to: string): string[] {
  const lines: string[] = [];
  const published = messages.filter((message) => message.service === from && message.role === 'publish');
  for (const publish of published) {
    const consumers = messages.filter(
      (message) => message.service === to && message.role === 'consume' && message.broker === publish.broker && message.topic === publish.topic,
    );
    for (const consume of consumers) {
      lines.push(sanitize(`  async ${publish.broker} topic ${publish.topic}`));
      lines.push(sanitize(`    published at ${publish.location.file}:${publish.location.line} (${publish.client})`));
      lines.push(sanitize(`    consumed at ${consume.location.file}:${consume.location.line} (${consume.client})`));
    }
  }
  return lines;
}
