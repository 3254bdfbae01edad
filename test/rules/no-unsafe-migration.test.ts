import { describe, expect, it } from 'vitest';
import { analyzeFixture, scenarios, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'no-unsafe-migration';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

  it.each(scenarios(RULE).valid)('reads every file of %s without errors', async (scenario) => {
    expect((await analyzeFixture(RULE, scenario)).errors).toEqual([]);
  });

  it('is an error only where code in some service still reads the dropped or renamed column', async () => {
    const result = await analyzeFixture(RULE, 'invalid-sql-and-knex-steps');
    const found = result.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => `${f.severity} ${f.data.step} ${f.location.file.split('/').pop() ?? ''}:${f.location.line}`);
    expect(found).toEqual([
      'warning drop-column 20240401000000_cleanup_users.sql:1',
      'error rename-column 20240401000000_cleanup_users.sql:3',
      'warning add-column-not-null 20240401000000_cleanup_users.sql:5',
      'warning set-not-null 20240401000000_cleanup_users.sql:7',
      'warning alter-column-type 20240401000000_cleanup_users.sql:9',
      'error drop-column 20240501000000_drop_nickname.ts:5',
      'warning drop-column V3__drop_coupon.sql:1',
    ]);
  });

  it('escalates a MySQL step when a MySQL query in code still reads the column', async () => {
    const result = await analyzeFixture(RULE, 'invalid-mysql-column-still-read');
    const found = result.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => `${f.severity} ${f.data.step} ${f.location.file.split('/').pop() ?? ''}:${f.location.line}`);
    expect(found).toEqual(['error drop-column V2__cleanup_products.sql:1', 'warning rename-column V2__cleanup_products.sql:2']);
  });

  it('escalates a Prisma migration when another service still selects the field through @map', async () => {
    const result = await analyzeFixture(RULE, 'invalid-prisma-field-still-read');
    const found = result.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => `${f.severity} ${f.data.step} ${f.location.file.split('/').pop() ?? ''}:${f.location.line}`);
    expect(found).toEqual(['error drop-column migration.sql:8']);
  });

  it('stays a warning when a later migration or the current Prisma schema has the table or column again', async () => {
    const result = await analyzeFixture(RULE, 'invalid-dropped-then-restored');
    const found = result.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => `${f.severity} ${f.data.step} ${f.location.file.split('/').at(-2) ?? ''}:${f.location.line}`);
    expect(found).toEqual([
      'warning drop-table 20250301000000_partition_notifications:2',
      'error drop-column 20250301000000_partition_notifications:13',
      'warning drop-column 20250301000000_partition_notifications:14',
    ]);
  });

  it('escalates a JavaScript Knex migration when a query builder still selects the column', async () => {
    const result = await analyzeFixture(RULE, 'invalid-knex-js-migrations');
    const found = result.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => `${f.severity} ${f.data.step} ${f.location.file.split('/').pop() ?? ''}:${f.location.line}`);
    expect(found).toEqual(['error drop-column 20240601000000_drop_nickname.js:3']);
  });

  it('names the expand/contract sequence and the code that still reads the column', async () => {
    const result = await analyzeFixture(RULE, 'invalid-sql-and-knex-steps');
    const rename = result.findings.find((f) => f.ruleId === RULE && f.data.step === 'rename-column');
    expect(rename?.message).toBe(
      'This migration renames column full_name of users to display_name, but code still uses it: accounts at ' +
        'services/accounts/src/index.ts:8. Those queries fail as soon as the migration runs. Use expand/contract ' +
        'instead: (1) add display_name, (2) write both columns and backfill display_name, (3) switch reads to ' +
        'display_name, (4) stop writing full_name, (5) drop full_name.',
    );
    expect(rename?.related).toEqual([{ file: 'services/accounts/src/index.ts', line: 8, message: 'accounts still reads it here' }]);
    const knex = result.findings.find((f) => f.ruleId === RULE && f.location.file.endsWith('.ts'));
    expect(knex?.services).toEqual(['accounts', 'notifications']);
  });

  it('reports a statement neither parser reads, with its line, and still reads the rest of the file', async () => {
    const result = await analyzeFixture(RULE, 'invalid-sql-and-knex-steps');
    expect(result.errors).toEqual([
      {
        file: 'services/accounts/db/migrations/20240401000000_cleanup_users.sql',
        line: 15,
        column: 1,
        stage: 'extract',
        code: 'sql-parse-error',
        message: 'Neither SQL parser could read this statement; it was skipped.',
      },
    ]);
  });
});
