/**
 * A receiver that may be a client exported by another module: the imported binding itself
 * (`import { api } from './http'`, `const { api } = require('./http')`) or an instance of an imported class
 * (`constructor(private prisma: PrismaService)`, `new PrismaService()`). Whether it is a client is only known
 * once the exporting file is read, so facts built on it carry the reference and resolve confirms or drops them.
 */
import type { ClientRef } from '../../types/index.js';
import type { Node } from './ast.js';
import { unwrap } from './ast.js';
import { originOf } from './messaging/origin.js';
import { fold } from './fold.js';
import { newBudget, resolveRef } from './resolve.js';
import { unknownValue } from '../../shared/folded.js';
import type { Scope } from './scope.js';

/** The reference for `receiver`, or null when it does not come straight from an import. */
export function importedClientRef(receiver: Node, scope: Scope): ClientRef | null {
  const origin = originOf(receiver, scope);
  if (origin === null || origin.specifier.startsWith('node:')) return null;
  // `require('./http')` reads the CommonJS `module.exports`, which is the default export.
  const name = origin.imported === '*' ? 'default' : origin.imported;
  if (origin.steps.length === 0) return { specifier: origin.specifier, name, shape: 'instance' };
  if (origin.steps.length === 1 && (origin.steps[0] === 'instance' || origin.steps[0] === 'new')) {
    return { specifier: origin.specifier, name, shape: 'class' };
  }
  if (origin.steps.length === 1 && origin.steps[0] === 'call') {
    // `const api = createClient(process.env.ORDERS_URL)`: the arguments, folded here, may name the base URL.
    const made = resolveRef(receiver, scope, 0, newBudget());
    if (made.kind !== 'node' || made.node.type !== 'CallExpression') return null;
    const args = made.node.arguments.map((argument) =>
      argument.type === 'SpreadElement' ? unknownValue('…') : fold(argument, made.scope),
    );
    return { specifier: origin.specifier, name, shape: 'factory', args };
  }
  return null;
}

/**
 * Whether `expression` is, or is a member of, a binding imported from a module of the repository itself (a relative
 * or `@/`/`~/` alias specifier): a pool or data source the service exports from its own `db` module.
 */
export function isImportedFromRepository(expression: Node, scope: Scope): boolean {
  let node = unwrap(expression);
  while (node.type === 'MemberExpression') node = unwrap(node.object);
  if (node.type !== 'Identifier') return false;
  const binding = scope.lookup(node.name);
  return binding?.kind === 'import' && /^(?:\.|@\/|~\/)/.test(binding.specifier);
}
