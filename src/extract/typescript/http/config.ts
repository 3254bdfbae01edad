/** Reading request option objects (`{ method, url, baseURL }`) shared by every HTTP client detector. */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { fold } from '../fold.js';
import { literalText, onlyPart } from '../../../shared/folded.js';
import { lookupProperty, newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';

/** An options argument: an object literal we can read, no argument at all, or something opaque. */
export type Options =
  | { kind: 'object'; node: TSESTree.ObjectExpression; scope: Scope }
  | { kind: 'none' }
  | { kind: 'unknown' };

/** Reads an options argument, following `const opts = {…}` and spreads. */
export function optionsAt(node: Node | null, scope: Scope): Options {
  if (!node) return { kind: 'none' };
  const ref = resolveRef(node, scope, 0, newBudget());
  if (ref.kind === 'node' && ref.node.type === 'ObjectExpression') return { kind: 'object', node: ref.node, scope: ref.scope };
  return { kind: 'unknown' };
}

/** An option's folded value; `absent` when the object certainly lacks it, `unknown` when it cannot be told. */
export function option(options: Options, key: string): FoldedValue | 'absent' | 'unknown' {
  if (options.kind === 'none') return 'absent';
  if (options.kind === 'unknown') return 'unknown';
  const found = lookupProperty(options.node, key, options.scope, 0, newBudget());
  if (found.kind === 'absent') return 'absent';
  if (found.kind === 'value') return found.value;
  if (found.kind !== 'node') return 'unknown';
  return fold(found.node, found.scope);
}

/** The `method` option upper-cased; `fallback` when absent; null when it is not a literal. */
export function methodOption(options: Options, fallback: string): string | null {
  const value = option(options, 'method');
  if (value === 'absent') return fallback;
  if (value === 'unknown') return null;
  const text = literalText(value);
  return text === null || text === '' ? null : text.toUpperCase();
}

/**
 * A base-URL option (`baseURL`, `prefixUrl`) when present and readable, else `inherited`. One that only an imported
 * spread may hold (`{ ...defaults, url }`) keeps `inherited` too: such shared objects mostly carry headers and timeouts.
 */
export function baseOption(options: Options, key: string, inherited: FoldedValue | null): FoldedValue | null {
  if (options.kind === 'object') {
    const found = lookupProperty(options.node, key, options.scope, 0, newBudget());
    if (found.kind === 'value' && onlyPart(found.value)?.kind === 'import') return inherited;
  }
  const value = option(options, key);
  return value === 'absent' || value === 'unknown' ? inherited : value;
}
