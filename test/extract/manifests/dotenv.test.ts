import { describe, expect, it } from 'vitest';
import { dotenvExtractor } from '../../../src/extract/manifests/dotenv.js';
import { fixture, withCrlf } from './helpers.js';

const { extract, matches } = dotenvExtractor;
const FILE = 'services/orders/.env';
const at = (line: number, column: number, snippet: string) => ({ file: FILE, line, column, snippet });

const ORDERS_ENTRIES = [
  { name: 'NODE_ENV', value: 'development', location: at(2, 1, 'NODE_ENV=development') },
  { name: 'PORT', value: '3000', location: at(3, 1, 'PORT=3000') },
  {
    name: 'DATABASE_URL',
    value: 'postgres://orders:orders@postgres:5432/orders',
    location: at(4, 8, 'export DATABASE_URL=postgres://orders:***@postgres:5432/orders'),
  },
  {
    name: 'PAYMENTS_URL',
    value: 'http://payments:3001',
    location: at(5, 1, 'PAYMENTS_URL = http://payments:3001   # sync call, see ADR-7'),
  },
  { name: 'KAFKA_BROKERS', value: 'kafka:9092,kafka-2:9092', location: at(6, 1, 'KAFKA_BROKERS="kafka:9092,kafka-2:9092"') },
  { name: 'REDIS_URL', value: 'redis://redis:6379/0', location: at(7, 1, "REDIS_URL='redis://redis:6379/0'") },
  { name: 'GREETING', value: 'hello world', location: at(8, 1, 'GREETING=`hello world`') },
  { name: 'INVENTORY_URL', value: '${GATEWAY_URL}/inventory', location: at(9, 1, 'INVENTORY_URL=${GATEWAY_URL}/inventory') },
  { name: 'LOG_FORMAT', value: '', location: at(10, 1, 'LOG_FORMAT=') },
  { name: 'API_TOKEN', value: 'abc#def', location: at(11, 1, 'API_TOKEN=***') },
  {
    name: 'TLS_CERT',
    value: '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUX\n-----END CERTIFICATE-----',
    location: at(12, 1, 'TLS_CERT="-----BEGIN CERTIFICATE-----'),
  },
  { name: 'MOTD', value: 'line one\nline "two"', location: at(15, 1, 'MOTD="line one\\nline \\"two\\""') },
  { name: 'FEATURE_FLAGS', value: '', location: at(16, 1, 'FEATURE_FLAGS=') },
];

describe('dotenv extractor', () => {
  it('matches .env, .env.<stage> and <name>.env, not code about env files', () => {
    for (const path of ['.env', 'a/.env.local', '.env.production', '.env.example', 'x/.env.docker', 'deploy/orders.env']) {
      expect(matches(path), path).toBe(true);
    }
    for (const path of ['.envrc', 'src/env.ts', '.env.ts', 'config/.env.json', 'environment.yml', '.env.d.ts']) {
      expect(matches(path), path).toBe(false);
    }
  });

  it('reads a realistic service .env exactly', () => {
    expect(extract(fixture('dotenv/orders/.env', FILE))).toEqual({
      errors: [],
      facts: [
        {
          kind: 'env-file',
          extractor: 'dotenv',
          location: at(1, 1, '# Orders service — local development settings'),
          dir: 'services/orders',
          entries: ORDERS_ENTRIES,
        },
      ],
    });
  });

  it('gives the same values with CRLF line endings', () => {
    const out = extract(withCrlf(fixture('dotenv/orders/.env', FILE)));
    expect(out.errors).toEqual([]);
    const fact = out.facts[0];
    expect(fact?.kind === 'env-file' && fact.entries.map((e) => [e.name, e.value, e.location.line])).toEqual(
      ORDERS_ENTRIES.map((e) => [e.name, e.value, e.location.line]),
    );
  });

  it('reports odd lines without quoting them, and goes on', () => {
    const out = extract(fixture('dotenv/odd/.env.local', '.env.local'));
    const error = (line: number, reason: string) => ({
      file: '.env.local',
      line,
      column: 1,
      stage: 'extract',
      code: 'invalid-env-line',
      message: `${reason}; the line was skipped.`,
    });
    expect(out.errors).toEqual([
      error(2, 'Line is not a KEY=value assignment'),
      error(3, 'Line is not a KEY=value assignment'),
      error(4, 'Line is not a KEY=value assignment'),
      error(5, 'Quoted value is never closed'),
    ]);
    for (const e of out.errors) expect(e.message).not.toMatch(/hunter2|never closed'|no-name/);
    const fact = out.facts[0];
    expect(fact?.kind === 'env-file' && fact.entries.map((e) => [e.name, e.value, e.location.line])).toEqual([
      ['VALID_ONE', '1', 1],
      ['INHERITED_FROM_HOST', null, 6],
      ['INDENTED', 'yes', 8],
      ['DOTTED.KEY-NAME', 'ok', 9],
      ['COLON', 'style', 10],
      ['AFTER', 'last', 11],
    ]);
  });

  it('handles an empty file and a final line without newline', () => {
    expect(extract({ path: '.env', text: '' }).facts).toMatchObject([{ dir: '.', entries: [] }]);
    const out = extract({ path: '.env', text: 'A=1\nB="x"' });
    expect(out.facts).toMatchObject([{ entries: [{ name: 'A', value: '1' }, { name: 'B', value: 'x' }] }]);
  });

  it('stays linear on hostile input', () => {
    const text = 'A="\\\n'.repeat(20_000) + "B='x\n".repeat(20_000);
    const started = performance.now();
    const out = extract({ path: '.env', text });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(out.errors.length).toBeGreaterThan(0);
  });
});
