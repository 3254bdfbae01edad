/** The score stage. Scoring (risk, readiness pillars, verdict) is built in a later version; until then the Result says so. */
import type { ResultScore } from '../types/index.js';

export function score(): ResultScore {
  return {
    verdict: 'unscored',
    distributedMonolithRisk: null,
    readiness: null,
    pillars: [],
    note: 'Scoring is not implemented in this version; read the findings and the service graph.',
  };
}
