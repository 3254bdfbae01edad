/** {@link SqlEffect}s → facts, shared by the SQL file extractor and the SQL-in-code detectors. */
import type { Evidence, Fact } from '../../types/index.js';
import type { SqlEffect } from './effects.js';

/** Facts for the effects of one statement at `statementLocation`; an effect with a clause offset (`at`) goes through `locate`. */
export function effectFacts(
  effects: readonly SqlEffect[],
  statementLocation: Evidence,
  database: string | null,
  extractor: string,
  client = 'sql',
  locate?: (offsetInStatement: number) => Evidence,
): Fact[] {
  return effects.map((effect): Fact => {
    const at = effect.kind === 'foreign-key' || effect.kind === 'step' ? effect.at : undefined;
    const location = at !== undefined && locate !== undefined ? locate(at) : statementLocation;
    switch (effect.kind) {
      case 'create-table':
        return { kind: 'db-table', source: 'sql', table: effect.table, columns: effect.columns, database, location, extractor };
      case 'foreign-key':
        return { kind: 'db-foreign-key', source: 'sql', from: effect.from, to: effect.to, columns: effect.columns, database, location, extractor };
      case 'step':
        return {
          kind: 'db-migration-step',
          step: effect.step,
          table: effect.table,
          column: effect.column,
          newName: effect.newName,
          database,
          location,
          extractor,
        };
      case 'access':
        return { kind: 'db-access', client, table: effect.table, operation: effect.operation, columns: effect.columns, location, extractor };
    }
  });
}
