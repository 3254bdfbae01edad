import { describe, expect, it } from 'vitest';
import { dockerfileExtractor } from '../../../src/extract/manifests/dockerfile.js';
import { fixture, withCrlf } from './helpers.js';

const { extract, matches } = dockerfileExtractor;
const FILE = 'services/orders/Dockerfile';
const at = (line: number, column: number, snippet: string) => ({ file: FILE, line, column, snippet });

const MULTI_STAGE = {
  errors: [],
  facts: [
    {
      kind: 'dockerfile',
      extractor: 'dockerfile',
      location: at(5, 1, 'FROM node:${NODE_VERSION}-alpine AS build'),
      dir: 'services/orders',
      exposes: [3000, 9464],
      environment: [
        { name: 'CI', value: 'true', location: at(7, 5, 'ENV CI=true') },
        { name: 'NODE_ENV', value: 'production', location: at(16, 5, 'ENV NODE_ENV=production \\') },
        { name: 'PORT', value: '3000', location: at(18, 5, 'PORT=3000 \\') },
        {
          name: 'PAYMENTS_URL',
          value: 'http://payments:3000',
          location: at(19, 5, `PAYMENTS_URL="http://payments:3000" GREETING='hello world'`),
        },
        { name: 'GREETING', value: 'hello world', location: at(19, 41, `PAYMENTS_URL="http://payments:3000" GREETING='hello world'`) },
        { name: 'LEGACY_FORM', value: 'value with spaces', location: at(20, 5, 'ENV LEGACY_FORM value with spaces') },
      ],
      baseImages: ['node:20-alpine', 'node:20-alpine'],
    },
  ],
};

describe('dockerfile extractor', () => {
  it('matches Dockerfile name variants', () => {
    for (const path of ['Dockerfile', 'svc/Dockerfile.dev', 'svc/api.Dockerfile', 'svc/api.dockerfile', 'Containerfile', 'dockerfile']) {
      expect(matches(path), path).toBe(true);
    }
    for (const path of ['Dockerfile.dockerignore', '.dockerignore', 'docs/Dockerfiles.md', 'MyDockerfile']) {
      expect(matches(path), path).toBe(false);
    }
  });

  it('reads every stage of a multi-stage build: continuations, comments inside them, both ENV forms', () => {
    expect(extract(fixture('dockerfile/multi-stage/Dockerfile', FILE))).toEqual(MULTI_STAGE);
  });

  it('reads CRLF Dockerfiles identically', () => {
    expect(extract(withCrlf(fixture('dockerfile/multi-stage/Dockerfile', FILE)))).toEqual(MULTI_STAGE);
  });

  it('skips heredoc bodies, expands and caps EXPOSE ranges, reports odd ENV and EXPOSE', () => {
    const path = 'svc/api.Dockerfile';
    const out = extract(fixture('dockerfile/odd/api.Dockerfile', path));
    const fact = out.facts[0];
    expect(fact?.kind === 'dockerfile' && fact.exposes).toEqual([
      8000,
      8001,
      8002,
      53,
      ...Array.from({ length: 100 }, (_, k) => 10000 + k),
    ]);
    expect(fact?.kind === 'dockerfile' && fact.environment.map((e) => [e.name, e.value, e.location.line, e.location.column])).toEqual([
      ['AFTER_HEREDOC', 'yes', 6, 5],
      ['A', '1', 11, 5],
      ['B', '2', 11, 17],
      ['ESCAPED', 'a b', 12, 5],
      ['QUOTED', 'say "hi"', 12, 18],
    ]);
    const error = (line: number, column: number, code: string, message: string) => ({
      file: path,
      line,
      column,
      stage: 'extract',
      code,
      message,
    });
    expect(out.errors).toEqual([
      error(8, 8, 'invalid-dockerfile', 'EXPOSE value is not a port; it was skipped.'),
      error(9, 8, 'port-range-truncated', 'EXPOSE range expands past 100 ports; only the first 100 were kept.'),
      error(10, 1, 'invalid-dockerfile', 'ENV has a name but no value; it was skipped.'),
      error(11, 9, 'invalid-dockerfile', 'ENV word is not a NAME=value pair; it was skipped.'),
    ]);
  });

  it('honours the escape parser directive and skips ${VAR} ports', () => {
    const out = extract(fixture('dockerfile/odd/Containerfile', 'win/Containerfile'));
    expect(out.errors).toEqual([]);
    expect(out.facts).toMatchObject([
      {
        dir: 'win',
        exposes: [8080],
        environment: [
          { name: 'APP_HOME', value: 'C:\\app', location: { line: 3 } },
          { name: 'PORT', value: '8080', location: { line: 4 } },
        ],
      },
    ]);
  });

  it('handles an empty file and a trailing continuation', () => {
    expect(extract({ path: 'Dockerfile', text: '' })).toEqual({
      errors: [],
      facts: [{ kind: 'dockerfile', extractor: 'dockerfile', location: { file: 'Dockerfile', line: 1, column: 1, snippet: '' }, dir: '.', exposes: [], environment: [], baseImages: [] }],
    });
    expect(extract({ path: 'Dockerfile', text: 'FROM x\nENV A=1 \\' }).facts).toMatchObject([{ environment: [{ name: 'A', value: '1' }] }]);
  });

  it('resolves each stage\'s base image through stage names and the defaults of ARGs before the first FROM', () => {
    const baseImagesOf = (text: string) => {
      const [fact] = extract({ path: 'Dockerfile', text }).facts;
      return fact?.kind === 'dockerfile' ? fact.baseImages : undefined;
    };
    const text = [
      'ARG BASE="mongo:5" TAG',
      'ARG REGISTRY',
      'FROM --platform=$BUILDPLATFORM ${BASE} as Seed',
      'ARG LATE=ignored',
      'FROM seed',
      'FROM $REGISTRY/tools:1 AS tools',
      'FROM postgres:${TAG:-16}-alpine',
      'FROM ${LATE}',
      'FROM scratch',
    ].join('\n');
    expect(baseImagesOf(text)).toEqual(['mongo:5', 'mongo:5', null, 'postgres:16-alpine', null, 'scratch']);
    // A variable left in the tag only still names the image.
    expect(baseImagesOf('FROM node:${NODE_VERSION}\nFROM nginx@sha256:abc')).toEqual(['node:${NODE_VERSION}', 'nginx@sha256:abc']);
  });
});
