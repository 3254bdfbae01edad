import { describe, expect, it } from 'vitest';
import { resolveHost, type HostDirectory } from '../../src/resolve/hosts.js';

const directory: HostDirectory = {
  byHostname: new Map([
    ['orders', 'orders'],
    ['payments.shop.svc.cluster.local', 'payments'],
  ]),
  publishedPorts: new Map([
    [3001, ['orders']],
    [3009, ['orders', 'payments']],
  ]),
  listenPorts: new Map([
    [3002, ['payments']],
    [3001, ['orders']],
  ]),
  byName: new Map([['inventory', 'inventory']]),
  containers: new Map([['keycloak', { name: 'keycloak', image: 'quay.io/keycloak/keycloak:21.0.2' }]]),
  containerPorts: new Map([[8080, { name: 'keycloak', image: 'quay.io/keycloak/keycloak:21.0.2' }]]),
};

describe('resolveHost', () => {
  it('maps declared hostnames to services with certainty', () => {
    expect(resolveHost('orders', 3000, directory)).toMatchObject({ target: { kind: 'service', service: 'orders' }, confidence: 'certain' });
    expect(resolveHost('payments.shop.svc.cluster.local', 80, directory).target).toEqual({ kind: 'service', service: 'payments' });
  });

  it('maps localhost through published ports, then through the one listening service', () => {
    expect(resolveHost('localhost', 3001, directory)).toMatchObject({ target: { service: 'orders' }, confidence: 'resolved' });
    expect(resolveHost('127.0.0.1', 3002, directory)).toMatchObject({ target: { service: 'payments' }, confidence: 'inferred' });
    expect(resolveHost('localhost', 3009, directory).target).toEqual({
      kind: 'unknown',
      reason: 'localhost:3009 is ambiguous: orders, payments use that port',
    });
    expect(resolveHost('localhost', 5555, directory).target).toEqual({
      kind: 'unknown',
      reason: 'localhost:5555 matches no published or listening port',
    });
  });

  it('makes public hosts external and keeps private names unknown', () => {
    expect(resolveHost('api.stripe.com', 443, directory).target).toEqual({ kind: 'external', host: 'api.stripe.com' });
    expect(resolveHost('billing.internal', 80, directory).target.kind).toBe('unknown');
    expect(resolveHost('10.0.3.7', 8080, directory).target.kind).toBe('unknown');
    expect(resolveHost('legacy-crm', 80, directory).target).toEqual({
      kind: 'unknown',
      reason: 'host legacy-crm matches no service, compose service or Kubernetes Service',
    });
  });

  it('infers a bare service name only when no manifest declares hostnames for it', () => {
    expect(resolveHost('inventory', 3000, directory)).toMatchObject({ target: { service: 'inventory' }, confidence: 'inferred' });
  });

  it('takes a third-party compose container, by name or published port, for the external system it is', () => {
    const via = 'is compose container keycloak (image quay.io/keycloak/keycloak:21.0.2), which runs no code of this repository';
    expect(resolveHost('keycloak', 8080, directory)).toEqual({ target: { kind: 'external', host: 'keycloak' }, confidence: 'resolved', via: `host keycloak ${via}` });
    expect(resolveHost('localhost', 8080, directory)).toEqual({ target: { kind: 'external', host: 'keycloak' }, confidence: 'resolved', via: `localhost:8080 ${via}` });
    // A service publishing the port wins over nothing else: the container only answers for ports no service has.
    expect(resolveHost('localhost', 3001, directory).target).toEqual({ kind: 'service', service: 'orders' });
  });
});
