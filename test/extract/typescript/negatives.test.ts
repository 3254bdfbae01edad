import { describe, expect, it } from 'vitest';
import { at, atSource, extractFixture, extractSource, httpAt, importAt, lit, ofKind, plain } from './harness.js';

describe('typescript extractor: what is not a request', () => {
  it('ignores a shadowed fetch, a local object named axios, Map#get, a get method on another class, and socket listens', () => {
    const file = 'negatives/src/catalog.loader.ts';
    const { facts, errors } = extractFixture(file);
    expect(errors).toEqual([]);
    expect(plain(facts)).toEqual([
      importAt(at(file, 1, 1), 'node:events', 'static'),
      importAt(at(file, 2, 1), 'node:net', 'static', true),
    ]);
  });

  it('ignores clients that are not the imported module, whatever their name', () => {
    const text = [
      "import { got } from './got-like';",
      "import axios from 'axios-mock';",
      "import fetch from './fetch-wrapper';",
      'function handler(got: unknown, HttpService: unknown) {',
      "  got('/param');",
      '}',
      "axios.get('/mock');",
      "fetch('/wrapped');",
      'class Repo {',
      '  private readonly http = new Map<string, string>();',
      "  find() { return this.http.get('/map'); }",
      '}',
    ].join('\n');
    // Only a verb call on an import stays, pending: resolve keeps it only if `axios-mock` were a module of the
    // repository exporting a client instance (an npm package never is; see test/resolve/imported-clients.test.ts).
    expect(ofKind(extractSource(text).facts, 'http-call')).toEqual([
      { ...httpAt(atSource(text, 7, 7), 'imported', 'GET', lit('/mock')), via: { specifier: 'axios-mock', name: 'default', shape: 'instance' } },
    ]);
  });

  it('does not take a class named HttpService of the file itself for NestJS', () => {
    const text = [
      'class HttpService { get(url: string) { return url; } }',
      'class Client {',
      '  constructor(private readonly http: HttpService) {}',
      "  load() { return this.http.get('/local'); }",
      '}',
      "fetch('http://still-found');",
    ].join('\n');
    expect(ofKind(extractSource(text).facts, 'http-call')).toEqual([
      httpAt(atSource(text, 6, 1), 'fetch', 'GET', lit('http://still-found')),
    ]);
  });
});
