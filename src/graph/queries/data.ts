/** Read helpers for the data rules: the data model (empty when absent), table labels and allow-list matching. */
import type { ArchGraph, DataModel, OwnedTable, TableRef } from '../../types/index.js';

const EMPTY: DataModel = { connections: [], tables: [], foreignKeys: [], accesses: [], migrations: [] };

/** The resolved data model of the analyzed system. */
export function dataModel(graph: ArchGraph): DataModel {
  return graph.model.data ?? EMPTY;
}

/** `schema.table` when the schema is known, else `table`. */
export function tableLabel(table: TableRef): string {
  return table.schema === null ? table.name : `${table.schema}.${table.name}`;
}

/** Whether an allow-list entry (`countries` or `ref.countries`) names the table. */
export function isAllowedTable(table: OwnedTable | TableRef, allowed: readonly string[]): boolean {
  const ref = 'table' in table ? table.table : table;
  // Config entries are written by hand, in any case; a quoted PascalCase table (`"Order"`) must still match.
  const name = ref.name.toLowerCase();
  const label = tableLabel(ref).toLowerCase();
  return allowed.some((entry) => {
    const lower = entry.toLowerCase();
    return lower === name || lower === label;
  });
}
