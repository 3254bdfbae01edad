/** no-unsafe-migration: schema changes that break the running release during a rolling deploy. */
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import { dataModel, tableLabel } from '../../src/graph/queries/data.js';
import type { DataModel, RelatedLocation, ResolvedMigrationStep, ResolvedTableAccess } from '../../src/types/index.js';
import { BREAKS_READERS, SEQUENCE, STEP_TEXT, fill } from './sequences.js';
import { compareLocations } from '../../src/shared/compare.js';

export default defineRule({
  meta: {
    id: 'no-unsafe-migration',
    description: 'Disallow migration steps that break code still running during a rolling deploy',
    category: 'data',
    severity: 'warning',
    recommended: true,
    precision: 'high',
    messages: {
      unsafe:
        'This migration {change}. During a rolling deploy the previous release still runs against the new schema ' +
        'and fails. Use expand/contract instead: {sequence}.',
      stillRead:
        'This migration {change}, but code still uses it: {readers}. Those queries fail as soon as the migration ' +
        'runs. Use expand/contract instead: {sequence}.',
    },
    options: z
      .object({
        allowSteps: z
          .array(z.enum(['drop-column', 'rename-column', 'rename-table', 'drop-table', 'add-column-not-null', 'set-not-null', 'alter-column-type']))
          .describe('Step kinds not to report (e.g. `alter-column-type` when every type change is widening)'),
      })
      .strict(),
    defaultOptions: { allowSteps: [] },
    references: ['https://martinfowler.com/bliki/ParallelChange.html'],
    since: '0.2.0',
  },
  check(graph, context) {
    const data = dataModel(graph);
    for (const step of data.migrations) {
      if (context.options.allowSteps.includes(step.step)) continue;
      if (createdInSameFile(step, data)) continue;
      const values = {
        table: tableLabel(step.target),
        column: step.column ?? '?',
        newName: step.newName ?? '?',
      };
      const readers = BREAKS_READERS.has(step.step) && !restoredLater(step, data) ? readersOf(step, data) : [];
      const related: RelatedLocation[] = readers.map((access) => ({
        file: access.location.file,
        line: access.location.line,
        message: `${access.service} still ${access.operation === 'read' ? 'reads' : 'writes'} it here`,
      }));
      const services = [...new Set([...(step.service === null ? [] : [step.service]), ...readers.map((r) => r.service)])];
      context.report({
        messageId: readers.length > 0 ? 'stillRead' : 'unsafe',
        data: {
          change: fill(STEP_TEXT[step.step], values),
          sequence: fill(SEQUENCE[step.step], values),
          readers: readers.map((r) => `${r.service} at ${r.location.file}:${r.location.line}`).join(', '),
          step: step.step,
        },
        location: step.location,
        related,
        services,
        key: `${step.location.file}|${step.step}|${values.table}|${values.column}`,
        escalate: readers.length > 0,
      });
    }
  },
});

/** A step on a table the same migration file created earlier cannot break code: none uses the table yet. */
function createdInSameFile(step: ResolvedMigrationStep, data: DataModel): boolean {
  return data.tables.some(
    (table) =>
      table.location.file === step.location.file &&
      table.location.line < step.location.line &&
      table.table.name === step.target.name,
  );
}

/**
 * Whether the schema has what the step removed again by the end of the history: a later migration re-creates the
 * table (`DROP TABLE notifications` then a partitioned `CREATE TABLE notifications`), or the table as last defined
 * (a later `CREATE TABLE`, the Prisma model that describes the current schema) has the column. Code that reads it
 * then reads what exists; the step stays a rolling-deploy hazard, but not a certain failure.
 */
function restoredLater(step: ResolvedMigrationStep, data: DataModel): boolean {
  const name = step.target.name.toLowerCase();
  return data.tables.some((table) => {
    if (table.table.name.toLowerCase() !== name || compareLocations(table.location, step.location) <= 0) return false;
    if (step.table !== null && (table.owner !== step.table.owner || table.database !== step.table.database)) return false;
    if (step.step === 'drop-table' || step.step === 'rename-table') return true;
    return step.column !== null && table.columns.includes(step.column);
  });
}

/** Code (not migrations) that touches the dropped or renamed column or table, after the step's own service. */
function readersOf(step: ResolvedMigrationStep, data: DataModel): ResolvedTableAccess[] {
  return data.accesses.filter((access) => {
    // Case-blind: an ORM access to a table that is gone can only name it the ORM's way (`order` for a dropped
    // `"Order"`), and a false escalation costs less than missing code that still reads what the step removes.
    if (access.target.name.toLowerCase() !== step.target.name.toLowerCase()) return false;
    if (step.target.schema !== null && access.target.schema !== null && access.target.schema !== step.target.schema) return false;
    if (step.step === 'drop-table' || step.step === 'rename-table') return true;
    return step.column !== null && access.columns.includes(step.column);
  });
}
