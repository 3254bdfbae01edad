/** Which export of a package an expression is, for clients called as the module itself or as one of its functions. */
import type { Origin } from '../messaging/origin.js';

/**
 * The export of one of `specifiers` that `origin` is, with nothing done to it yet: `default` for the module itself
 * (`import proxy from 'x'`, `import * as x`, `require('x')`), a named export (`{ get }`, `x.get`, `require('x').get`),
 * else null (a call result, an instance, another package).
 */
export function moduleExport(origin: Origin | null, specifiers: readonly string[]): string | null {
  if (!origin || !specifiers.includes(origin.specifier)) return null;
  if (origin.steps.length === 0) return origin.imported === '*' ? 'default' : origin.imported;
  const [step] = origin.steps;
  return origin.steps.length === 1 && origin.imported === 'default' && step?.startsWith('.') === true ? step.slice(1) : null;
}
