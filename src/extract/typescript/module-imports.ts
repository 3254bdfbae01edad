/**
 * Imports from oxc's module record, which the parser fills without JavaScript ever touching the AST:
 * `import`, `export … from`, and `import('x')` with a literal argument.
 */
import type { EcmaScriptModule } from 'oxc-parser';
import type { ImportFact } from '../../types/index.js';
import type { FileContext } from './context.js';
import { importFact } from './context.js';
import { decodeStringLiteral } from './string-literal.js';

/** Import facts of a module record, in source order. `text` is the text that was parsed. */
export function moduleRecordImports(record: EcmaScriptModule, text: string, context: FileContext): ImportFact[] {
  const facts: ImportFact[] = [];
  for (const entry of record.staticImports) {
    // `import type {…}` and `import { type A, type B }` are erased; `import 'x'` (no entries) is not.
    const typeOnly = entry.entries.length > 0 && entry.entries.every((specifier) => specifier.isType);
    const names = entry.entries.filter((specifier) => !specifier.isType).map((specifier) => importedName(specifier.importName));
    facts.push({ ...importFact(context, entry.start, entry.moduleRequest.value, 'static', typeOnly), names });
  }
  for (const statement of record.staticExports) {
    const reexports = statement.entries.filter((entry) => entry.moduleRequest !== null);
    const first = reexports[0]?.moduleRequest;
    if (!first) continue;
    const typeOnly = reexports.every((entry) => entry.isType);
    facts.push(importFact(context, statement.start, first.value, 'reexport', typeOnly));
  }
  for (const dynamic of record.dynamicImports) {
    const specifier = decodeStringLiteral(text.slice(dynamic.moduleRequest.start, dynamic.moduleRequest.end));
    if (specifier !== null) facts.push(importFact(context, dynamic.start, specifier, 'dynamic', false));
  }
  return facts;
}

/** The export an import specifier reads: `default`, `*` (namespace) or the name. */
function importedName(name: { kind: string; name: string | null }): string {
  if (name.kind === 'Default') return 'default';
  if (name.kind === 'NamespaceObject') return '*';
  return name.name ?? 'default';
}
