/** Character tests shared by the line-oriented manifest scanners (.env, Dockerfile). */

/** A space or tab: the only blanks inside a `.env` or Dockerfile line. */
export function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}
