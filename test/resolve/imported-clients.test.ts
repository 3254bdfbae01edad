import { describe, expect, it } from 'vitest';
import { typescriptExtractor } from '../../src/extract/typescript/index.js';
import { linkImportedClients } from '../../src/resolve/imported-clients.js';
import { ModuleResolver } from '../../src/resolve/modules.js';
import type { DbAccessFact, Fact, HttpCallFact } from '../../src/types/index.js';

/** Extracts every file of an in-memory repository and links imported clients the way resolve does. */
function link(files: Record<string, string>): Fact[] {
  const facts = Object.entries(files).flatMap(([path, text]) => typescriptExtractor.extract({ path, text }).facts);
  const modules = new ModuleResolver(new Set(Object.keys(files)), [], [{ name: '@acme/clients', dir: 'packages/clients' }]);
  return linkImportedClients(facts, modules);
}

const calls = (facts: Fact[]): Pick<HttpCallFact, 'client' | 'method' | 'url'>[] =>
  facts.filter((fact): fact is HttpCallFact => fact.kind === 'http-call').map(({ client, method, url }) => ({ client, method, url }));

describe('resolve: clients exported by another module', () => {
  it('joins the base URL and keeps the guards of an imported axios, got or ky instance', () => {
    const facts = link({
      'src/http.ts': [
        "import axios from 'axios';",
        "import got from 'got';",
        "import ky from 'ky';",
        "export const orders = axios.create({ baseURL: 'http://orders:3000/api', timeout: 2000 });",
        "const stock = got.extend({ prefixUrl: 'http://stock:3000' });",
        'export default stock;',
        "module.exports.tags = ky.create({ prefixUrl: 'http://tags:3000' });",
      ].join('\n'),
      'src/use.ts': [
        "import stock, { orders } from './http';",
        "import * as http from './http.js';",
        "const { tags } = require('./http');",
        "orders.get('/orders/1');",
        "stock.post('items', { json: {} });",
        "http.orders.delete('/orders/2');",
        "tags.get('tags');",
      ].join('\n'),
    });
    expect(calls(facts)).toEqual([
      { client: 'axios', method: 'GET', url: { parts: [{ kind: 'literal', value: 'http://orders:3000/api/orders/1' }] } },
      { client: 'got', method: 'POST', url: { parts: [{ kind: 'literal', value: 'http://stock:3000/items' }] } },
      { client: 'axios', method: 'DELETE', url: { parts: [{ kind: 'literal', value: 'http://orders:3000/api/orders/2' }] } },
      { client: 'ky', method: 'GET', url: { parts: [{ kind: 'literal', value: 'http://tags:3000/tags' }] } },
    ]);
    const orders = facts.find((fact): fact is HttpCallFact => fact.kind === 'http-call' && fact.location.line === 4);
    expect(orders?.guards?.timeout).toMatchObject({ file: 'src/http.ts', line: 4 });
    expect(orders?.via).toBeUndefined();
  });

  it('re-points the base URL\'s imports from the calling file and says which instance the call went through', () => {
    const facts = link({
      'src/config.ts': "export const config = { ordersUrl: process.env.ORDERS_URL ?? 'http://orders:3000' };",
      'src/http/clients.ts': "import axios from 'axios';\nimport { config } from '../config';\nexport const orders = axios.create({ baseURL: config.ordersUrl });",
      'src/checkout/place-order.ts': "import { orders } from '../http/clients';\norders.post('/orders', {});",
    });
    const call = facts.find((fact): fact is HttpCallFact => fact.kind === 'http-call');
    expect(call?.url.parts).toEqual([
      { kind: 'import', specifier: '../config.ts', name: 'config', path: ['ordersUrl'] },
      { kind: 'literal', value: '/orders' },
    ]);
    expect(call?.through).toMatchObject({ file: 'src/http/clients.ts', line: 3 });
  });

  it('follows a client factory: the base URL is the argument the caller passes, the guards are the factory\'s', () => {
    const facts = link({
      'packages/clients/src/index.ts': [
        "import axios from 'axios';",
        'export function createServiceClient(baseURL: string, name = "svc") {',
        "  return axios.create({ baseURL, timeout: 2_000, headers: { 'x-caller': name } });",
        '}',
        "export const createLegacyClient = (host: string) => axios.create({ baseURL: `http://${host}:8080` });",
      ].join('\n'),
      'src/orders.ts': [
        "import { createLegacyClient, createServiceClient } from '@acme/clients';",
        "const payments = createServiceClient('http://payments:3000/v1');",
        "const legacy = createLegacyClient('erp');",
        "payments.post('/charges', {});",
        "legacy.get('/invoices');",
      ].join('\n'),
    });
    expect(calls(facts)).toEqual([
      { client: 'axios', method: 'POST', url: { parts: [{ kind: 'literal', value: 'http://payments:3000/v1/charges' }] } },
      // A base built from a parameter some other way cannot be known from the factory alone.
      { client: 'axios', method: 'GET', url: { parts: [{ kind: 'literal', value: '/invoices' }] } },
    ]);
    const payments = facts.find((fact): fact is HttpCallFact => fact.kind === 'http-call' && fact.location.line === 4);
    expect(payments?.guards?.timeout).toMatchObject({ file: 'packages/clients/src/index.ts', line: 3 });
  });

  it('drops verb calls on imports that are not clients: a Map, a package, a router, a missing export', () => {
    const facts = link({
      'src/cache.ts': 'export const cache = new Map<string, string>();',
      'src/router.ts': "import { Router } from 'express';\nexport const router = Router();",
      'src/use.ts': [
        "import { cache } from './cache';",
        "import { router } from './router';",
        "import config from 'config';",
        "import { missing } from './nowhere';",
        "cache.get('/a');",
        "router.get('/b', listOrders);",
        "config.get('db.url');",
        "missing.post('/c');",
      ].join('\n'),
    });
    expect(calls(facts)).toEqual([]);
  });

  it('keeps Prisma access through an exported client class or instance, re-exported by an index, and nothing else', () => {
    const facts = link({
      'src/prisma/prisma.service.ts': [
        "import { Injectable } from '@nestjs/common';",
        "import { PrismaClient } from '@prisma/client';",
        '@Injectable()',
        'export class PrismaService extends PrismaClient {}',
      ].join('\n'),
      'src/prisma/index.ts': "export * from './prisma.service';",
      'packages/clients/src/index.ts': "import { PrismaClient } from '@prisma/client';\nexport const db = globalThis.db ?? new PrismaClient();",
      'src/orders.service.ts': [
        "import { PrismaService } from './prisma';",
        "import { OrdersRepository } from './orders.repository';",
        "import { db } from '@acme/clients';",
        'export class OrdersService {',
        '  constructor(private readonly prisma: PrismaService, private readonly repo: OrdersRepository) {}',
        "  list() { return this.prisma.order.findMany({ where: { status: 'open' } }); }",
        "  other() { return this.repo.order.findMany(); }",
        "  audit() { return db.auditEntry.create({ data: {} }); }",
        '}',
      ].join('\n'),
      'src/orders.repository.ts': 'export class OrdersRepository { order = { findMany: () => [] }; }',
    });
    const access = facts.filter((fact): fact is DbAccessFact => fact.kind === 'db-access');
    expect(access.map(({ client, model, operation, location, via }) => ({ client, model, operation, line: location.line, via }))).toEqual([
      { client: 'prisma', model: 'Order', operation: 'read', line: 6, via: undefined },
      { client: 'prisma', model: 'AuditEntry', operation: 'write', line: 8, via: undefined },
    ]);
  });

  it('keeps Knex query builders run on the instance the service\'s own connection module exports', () => {
    const facts = link({
      'src/db/connection.js': "const config = require('../../knexfile.js').development;\nmodule.exports = require('knex')(config);",
      'src/queries.js': [
        "const knex = require('./db/connection');",
        "const i18n = require('./i18n');",
        "exports.find = (name) => knex('users').select('id', 'nickname').where({ username: name }).first();",
        "exports.label = () => i18n('users').toUpperCase();",
      ].join('\n'),
      'src/i18n.js': 'module.exports = (key) => key;',
    });
    const access = facts.filter((fact): fact is DbAccessFact => fact.kind === 'db-access');
    expect(access.map(({ client, table, operation, columns, location, via }) => ({ client, table, operation, columns, line: location.line, via }))).toEqual([
      { client: 'knex', table: { schema: null, name: 'users' }, operation: 'read', columns: ['id', 'nickname', 'username'], line: 3, via: undefined },
    ]);
  });
});
