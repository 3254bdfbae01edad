/** URL path arithmetic shared by route extraction (same-file mounts) and resolve (mounts across files). */

/** `/api` + `orders/:id` → `/api/orders/:id`; empty segments dropped, always one leading `/`. */
export function joinPaths(prefix: string, path: string): string {
  const segments = `${prefix}/${path}`.split('/').filter((segment) => segment !== '');
  return `/${segments.join('/')}`;
}
