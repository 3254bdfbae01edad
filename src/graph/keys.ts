/** Namespaced node keys: `service:orders`, `library:shared`, `external:api.stripe.com`, `unknown`. */
import type { CallTarget } from '../types/index.js';

export const UNKNOWN_NODE = 'unknown';

export const serviceKey = (name: string): string => `service:${name}`;
export const libraryKey = (name: string): string => `library:${name}`;
export const externalKey = (host: string): string => `external:${host}`;

/** The node a call target points at. */
export function targetNode(target: CallTarget): string {
  if (target.kind === 'service') return serviceKey(target.service);
  if (target.kind === 'external') return externalKey(target.host);
  return UNKNOWN_NODE;
}

/** `service:orders` → `orders`; other keys are returned unchanged. */
export function nameOf(key: string): string {
  const colon = key.indexOf(':');
  return colon === -1 ? key : key.slice(colon + 1);
}
