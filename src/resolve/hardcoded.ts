/**
 * Finds where the host of a call's URL was written in code: a literal in the URL itself, or the fallback of an
 * env read (`process.env.X ?? 'http://localhost:3002'`), following imported config values across files.
 */
import type { FoldedValue, HardcodedHost, ValuePart } from '../types/index.js';
import { importedValue, type RenderContext } from './values.js';

// Host-bearing literal: a scheme and authority, or `host:port` at the start.
const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]+)/i;
const HOST_PORT = /^([a-z0-9.-]+:\d{2,5})(?:[/?#]|$)/i;

/** The hard-coded host of `value` as rendered for the calling service, or null when a manifest supplies it. */
export function hardcodedHost(value: FoldedValue, file: string, context: RenderContext, depth = 0): HardcodedHost | null {
  const first = value.parts.find((part) => !(part.kind === 'literal' && part.value === ''));
  return first ? partHost(first, file, context, depth) : null;
}

function partHost(part: ValuePart, file: string, context: RenderContext, depth: number): HardcodedHost | null {
  switch (part.kind) {
    case 'literal': {
      const host = hostOf(part.value);
      return host === null ? null : { source: 'literal', file, host };
    }
    case 'env': {
      // A value from a deployment manifest is configuration; only the code default is hard-coded.
      if ((context.env.get(part.name) ?? []).length > 0 || part.fallback === undefined) return null;
      const inner = hardcodedHost(part.fallback, file, context, depth + 1);
      return inner === null ? null : { ...inner, source: 'env-default' };
    }
    case 'import': {
      if (depth > 6) return null;
      const found = importedValue(part, file, context);
      return found?.value.kind === 'scalar' ? hardcodedHost(found.value.value, found.file, context, depth + 1) : null;
    }
    default:
      return null;
  }
}

function hostOf(text: string): string | null {
  return URL_HOST.exec(text)?.[1] ?? HOST_PORT.exec(text)?.[1] ?? null;
}
