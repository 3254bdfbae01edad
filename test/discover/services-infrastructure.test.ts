import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/types/index.js';
import { isInfrastructureBuild, isInfrastructureImage, isRuntimeImage, isServerImage } from '../../src/discover/images.js';
import { compose, pkg, server, workload } from './facts.js';
import { composeDeployment, discover } from './helpers.js';

describe('discoverServices: infrastructure images and bind-mounted code', () => {
  it('never turns a library into a service because an infrastructure image shares its name', () => {
    const facts: Fact[] = [
      pkg('.', 'template', { workspaces: ['libs/*', 'services/*'] }),
      pkg('libs/redis', '@libs/nestjs-redis'),
      server('services/api', 'api', '@nestjs/core'),
      compose('redis', 30, { image: 'redis:7.0-alpine' }),
      compose('kafka', 40, { image: 'confluentinc/cp-kafka:7.4.0' }),
      workload('redis', 'data', ['bitnami/redis:7.2'], { app: 'redis' }, 'k8s/redis.yaml'),
    ];
    const { inventory } = discover(facts);
    expect(inventory.services.map((service) => service.root)).toEqual(['services/api']);
    expect(inventory.libraries.map((library) => library.root)).toEqual(['libs/redis']);
  });

  it('links a compose service that runs a stock node image to the folder its env_file lies in', () => {
    const facts: Fact[] = [
      pkg('.', 'template', { workspaces: ['services/*'] }),
      server('services/service-1', 'service-1', '@nestjs/core'),
      compose('api', 1, { image: 'node:22-alpine', envFiles: ['services/service-1/.env'] }),
    ];
    const [service] = discover(facts).inventory.services;
    expect(service?.name).toBe('api');
    expect(service?.hostnames).toEqual(['api']);
    expect(service?.deployments).toEqual([composeDeployment('api')]);
  });

  it('links a bind-mount compose service by its name when it has no env_file', () => {
    const facts: Fact[] = [pkg('.', 'm', { workspaces: ['apps/*'] }), server('apps/orders', 'orders'), compose('orders', 3, { image: 'node:20' })];
    expect(discover(facts).inventory.services[0]?.deployments).toEqual([composeDeployment('orders')]);
  });

  it.each([
    ['redis:7', true],
    ['postgres:16-alpine', true],
    ['docker.io/library/node:20', true],
    ['bitnami/kafka:3.6', true],
    ['ghcr.io/acme/orders-service:1.4', false],
    ['currencyservice', false],
    ['registry.example.com/shop/redis-sync:2', false],
  ])('%s is infrastructure: %s', (image, expected) => {
    expect(isInfrastructureImage(image)).toBe(expected);
  });

  it.each([
    // image, language runtime, server that runs as shipped
    ['node:18-alpine', true, false],
    ['docker.io/library/node:20', true, false],
    ['oven/bun:1', true, false],
    ['denoland/deno:alpine', true, false],
    ['alpine:3.19', false, false],
    ['mongo:5', false, true],
    ['bitnami/redis:7.2', false, true],
    ['nginxinc/nginx-unprivileged:1.25', false, true],
    ['ghcr.io/acme/orders:1.4', false, false],
  ])('%s: runtime %s, server %s', (image, runtime, server) => {
    expect([isRuntimeImage(image), isServerImage(image)]).toEqual([runtime, server]);
  });

  it.each([
    [['mongo:5'], true],
    [['alpine', 'nginx:1.21.6'], true],
    [['node:20-alpine', 'nginx:alpine'], false],
    [['node:20'], false],
    [[null, 'postgres:16'], true],
    [['postgres:16', null], false],
    [[], false],
  ])('Dockerfile stages %j only configure a server image: %s', (images, expected) => {
    expect(isInfrastructureBuild(images)).toBe(expected);
  });
});

describe('discoverServices: how servers are started', () => {
  it.each([
    ['start', { start: 'node dist/main.js' }],
    ['start:prod', { 'start:prod': 'node dist/main.js', build: 'tsc' }],
    ['dev', { dev: 'nodemon', build: 'tsc' }],
  ])('a package with a server framework and a %s script is deployable', (script, scripts) => {
    const facts: Fact[] = [pkg('.', 'mono', { workspaces: ['libs/*'] }), pkg('libs/api', 'api', { dependencies: ['express'], scripts })];
    const [service] = discover(facts).inventory.services;
    expect(service?.evidence.map((evidence) => evidence.detail)).toEqual([`depends on express and has a ${script} script`]);
  });

  it('a library that depends on express but has nothing that runs it stays a library', () => {
    const facts: Fact[] = [pkg('.', 'mono', { workspaces: ['libs/*'] }), pkg('libs/http-kit', 'http-kit', { dependencies: ['express'], scripts: { build: 'tsc', test: 'jest' } })];
    expect(discover(facts).inventory.libraries.map((library) => library.name)).toEqual(['http-kit']);
  });
});
