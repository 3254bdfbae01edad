/** Fingerprints: stable across line moves, so baselines survive edits above a finding. */
import { createHash } from 'node:crypto';

export function fingerprint(ruleId: string, key: string): string {
  return createHash('sha256').update(`${ruleId}\n${key}`).digest('hex').slice(0, 20);
}
