/** The text report's data-ownership lines: which service owns which tables, in which database. */
import type { Result } from '../types/result.js';
import type { Style } from './ansi.js';
import { sanitize } from './sanitize.js';
import { compareStrings, pad, widest } from './text-format.js';

const MAX_TABLES_SHOWN = 8;

/** `orders  owns orders, order_items  in db:postgres://pg:5432/orders`; nothing when no table is known. */
export function renderDataOwnership(result: Result, style: Style): string[] {
  const byOwner = new Map<string, { tables: string[]; databases: Set<string> }>();
  for (const database of result.databases) {
    for (const table of database.tables) {
      const owner = table.owner ?? '(no owner)';
      const entry = byOwner.get(owner) ?? { tables: [], databases: new Set<string>() };
      entry.tables.push(table.name);
      if (!database.id.startsWith('db:unknown')) entry.databases.add(database.id);
      byOwner.set(owner, entry);
    }
  }
  if (byOwner.size === 0) return [];
  const owners = [...byOwner.keys()].sort(compareStrings);
  const width = widest(owners.map(sanitize));
  const lines = owners.map((owner) => {
    const entry = byOwner.get(owner);
    const tables = [...new Set(entry?.tables ?? [])].sort(compareStrings);
    const shown = tables.slice(0, MAX_TABLES_SHOWN).map(sanitize).join(', ');
    const more = tables.length > MAX_TABLES_SHOWN ? ` +${tables.length - MAX_TABLES_SHOWN} more` : '';
    const where = [...(entry?.databases ?? [])].sort(compareStrings).map(sanitize).join(', ');
    return `  ${pad(sanitize(owner), width)}  owns ${shown}${more}${where === '' ? '' : style.dim(`  in ${where}`)}`;
  });
  return [style.bold('Data ownership'), ...lines];
}
