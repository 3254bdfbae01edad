import { describe, expect, it } from 'vitest';
import { databaseKey, parseDbUrl } from '../../src/resolve/db-url.js';

const key = (url: string): string | null => {
  const target = parseDbUrl(url);
  return target === null ? null : databaseKey(target);
};

describe('parseDbUrl', () => {
  it('reads engine, host, port, database and schema, without the credentials', () => {
    expect(key('postgresql://app:hunter2@Orders-DB:5433/orders?schema=billing')).toBe('db:postgres://orders-db:5433/orders/billing');
    expect(key('mongodb://mongo/catalog')).toBe('db:mongodb://mongo:27017/catalog');
    expect(key('redis://cache:6379')).toBe('db:redis://cache:6379/0');
  });

  it('finds the host after a password holding an unencoded `/`, `?`, `#` or `@`, and never keeps a piece of it', () => {
    expect(key('postgres://app:abc/Def9@db:5432/shop')).toBe('db:postgres://db:5432/shop');
    expect(key('postgres://t:S3cr@t#Pw@db:5432/x')).toBe('db:postgres://db:5432/x');
    expect(key('mysql://root:p?w=1@mysql:3306/app')).toBe('db:mysql://mysql:3306/app');
  });

  it('takes a template URL for no database at all', () => {
    expect(parseDbUrl('postgresql://USER:PASSWORD@HOST:PORT/DATABASE')).toBeNull();
    expect(parseDbUrl('postgres://user:pass@localhost:PORT/app')).toBeNull();
    expect(parseDbUrl('postgres://user:pass@<host>:5432/app')).toBeNull();
    expect(parseDbUrl('postgres://user:pass@your-db-host:5432/app')).toBeNull();
  });
});
