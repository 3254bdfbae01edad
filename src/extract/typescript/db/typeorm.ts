/**
 * TypeORM entities: `@Entity('orders')` classes are tables (default name: the class name in snake_case, as
 * TypeORM's default naming strategy does), `@Column` properties their columns (the property name unless the
 * decorator names one, also per field in `fieldColumns`), `@ManyToOne`/`@OneToOne` with a target class their
 * foreign keys. Decorators count only when imported from `typeorm`.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact, TableRef } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, keyName, startOf, stringValue, unwrap } from '../ast.js';
import { at, EXTRACTOR_ID, type FileContext } from '../context.js';
import type { Scope } from '../scope.js';
import { tableRef } from '../../sql/effects.js';

const COLUMN_DECORATORS = new Set([
  'Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn',
  'VersionColumn', 'ObjectIdColumn',
]);
const RELATIONS = new Set(['ManyToOne', 'OneToOne']);

interface Entity {
  className: string;
  table: TableRef;
  node: TSESTree.ClassDeclaration;
}

/** Table and foreign-key facts of the entity classes declared at the top level of `program`. */
export function typeormFacts(program: TSESTree.Program, scope: Scope, context: FileContext): Fact[] {
  const entities: Entity[] = [];
  for (const statement of program.body) {
    const node = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (node?.type !== 'ClassDeclaration' || node.id === null) continue;
    const entity = (node.decorators ?? []).map((d) => typeormCall(d.expression, scope, 'Entity')).find((c) => c !== null);
    if (entity === undefined || entity === null) continue;
    entities.push({ className: node.id.name, table: entityTable(entity, node.id.name), node });
  }
  const byClass = new Map(entities.map((entity) => [entity.className, entity.table]));
  const facts: Fact[] = [];
  for (const entity of entities) {
    const columns: string[] = [];
    const fields: [string, string][] = [];
    const keys: Fact[] = [];
    for (const member of entity.node.body.body) {
      if (member.type !== 'PropertyDefinition') continue;
      const name = keyName(member.key, member.computed);
      if (name === null) continue;
      for (const decorator of member.decorators ?? []) {
        const column = COLUMN_CALLS.find((kind) => typeormCall(decorator.expression, scope, kind) !== null);
        const columnCall = column === undefined ? null : typeormCall(decorator.expression, scope, column);
        if (columnCall !== null) {
          const columnName = optionName(columnCall) ?? name;
          columns.push(columnName);
          // The default naming strategy keeps the property name; an embedded `@Column(() => Address)` is no column.
          if (!embedded(columnCall)) fields.push([name, columnName]);
        }
        const relation = [...RELATIONS].map((kind) => typeormCall(decorator.expression, scope, kind)).find((c) => c !== null);
        if (relation === undefined || relation === null) continue;
        const target = targetClass(argumentAt(relation, 0));
        if (target === null) continue;
        const join = (member.decorators ?? []).map((d) => typeormCall(d.expression, scope, 'JoinColumn')).find((c) => c !== null);
        const local = optionName(join ?? null) ?? `${name}Id`;
        keys.push({
          kind: 'db-foreign-key',
          source: 'typeorm',
          from: entity.table,
          to: byClass.get(target) ?? tableRef(null, snakeCase(target)),
          columns: [local],
          database: null,
          toModel: target,
          location: at(context, startOf(decorator)),
          extractor: EXTRACTOR_ID,
        });
      }
    }
    facts.push(
      {
        kind: 'db-table',
        source: 'typeorm',
        table: entity.table,
        columns,
        database: null,
        model: entity.className,
        // `fromEntries` defines own properties, so a property named `__proto__` stays a plain key.
        fieldColumns: Object.fromEntries(fields),
        location: at(context, startOf(entity.node)),
        extractor: EXTRACTOR_ID,
      },
      ...keys,
    );
  }
  return facts;
}

const COLUMN_CALLS = [...COLUMN_DECORATORS];

/** The call `@Name(…)` when `Name` is imported from typeorm under any local name. */
function typeormCall(expression: Node, scope: Scope, exported: string): TSESTree.CallExpression | null {
  const node = unwrap(expression);
  if (node.type !== 'CallExpression') return null;
  const callee = unwrap(node.callee);
  if (callee.type === 'Identifier') {
    const binding = scope.lookup(callee.name);
    return binding?.kind === 'import' && binding.specifier === 'typeorm' && binding.imported === exported ? node : null;
  }
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && keyName(callee.property, callee.computed) === exported) {
    const binding = scope.lookup(callee.object.name);
    return binding?.kind === 'import' && binding.specifier === 'typeorm' ? node : null;
  }
  return null;
}

/** `@Entity('orders')`, `@Entity({ name: 'orders', schema: 'sales' })`, `@Entity()`. */
function entityTable(call: TSESTree.CallExpression, className: string): TableRef {
  const first = argumentAt(call, 0);
  const direct = first === null ? null : stringValue(first);
  if (direct !== null) {
    const second = argumentAt(call, 1);
    return tableRef(second === null ? null : objectString(second, 'schema'), direct);
  }
  return tableRef(first === null ? null : objectString(first, 'schema'), (first === null ? null : objectString(first, 'name')) ?? snakeCase(className));
}

/** `name` of the first-argument (or second-argument) options object of a decorator call. */
function optionName(call: TSESTree.CallExpression | null): string | null {
  if (call === null) return null;
  for (const argument of call.arguments) {
    if (argument.type === 'SpreadElement') continue;
    const name = objectString(argument, 'name');
    if (name !== null) return name;
  }
  return null;
}

function objectString(node: Node, key: string): string | null {
  const object = unwrap(node);
  if (object.type !== 'ObjectExpression') return null;
  for (const property of object.properties) {
    if (property.type === 'Property' && keyName(property.key, property.computed) === key) return stringValue(property.value);
  }
  return null;
}

/** `@Column(() => Address)`: an embedded entity, whose columns are the embedded class's, prefixed. */
function embedded(call: TSESTree.CallExpression): boolean {
  const first = argumentAt(call, 0);
  return first !== null && unwrap(first).type === 'ArrowFunctionExpression';
}

/** `() => Customer` or `'Customer'`. */
function targetClass(node: Node | null): string | null {
  if (node === null) return null;
  const value = unwrap(node);
  if (value.type === 'ArrowFunctionExpression' && value.body.type === 'Identifier') return value.body.name;
  return stringValue(value);
}

/** `OrderItem` → `order_item`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}
