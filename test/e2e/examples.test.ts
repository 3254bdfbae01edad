/** The bundled example systems give exactly the services, synchronous edges and findings written down for them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { REPO_ROOT, expectedLines } from '../rules/harness.js';

interface Expected {
  services: { name: string; root: string }[];
  libraries: { name: string; root: string }[];
  syncEdges: { from: string; to: string }[];
  findings: { ruleId: string; file: string; line: number }[];
  /** Publish (service → topic) and consume (topic → service) edges; absent for systems without messaging. */
  asyncEdges?: { from: string; to: string }[];
}

const examplesDir = join(REPO_ROOT, 'fixtures', 'e2e');
const examples = readdirSync(examplesDir).sort();

describe.each(examples)('example system %s', (name) => {
  const root = join(examplesDir, name);
  const expected: Expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8'));

  it('gives exactly the expected services, libraries, sync edges and findings', async () => {
    const result = await analyze({ root });
    expect(result.services.map(({ name: service, root: dir }) => ({ name: service, root: dir }))).toEqual(expected.services);
    expect(result.libraries.map(({ name: library, root: dir }) => ({ name: library, root: dir }))).toEqual(expected.libraries);
    expect(
      result.edges.filter((edge) => edge.kind === 'sync').map(({ from, to }) => ({ from, to })),
    ).toEqual(expected.syncEdges);
    expect(
      result.edges.filter((edge) => edge.kind === 'async').map(({ from, to }) => ({ from, to })),
    ).toEqual(expected.asyncEdges ?? []);
    expect(
      result.findings.map((finding) => ({ ruleId: finding.ruleId, file: finding.location.file, line: finding.location.line })),
    ).toEqual(expected.findings);
    expect(result.errors).toEqual([]);
  });

  it('annotates every expected finding inline', () => {
    const ruleIds = [...new Set(expected.findings.map((finding) => finding.ruleId))];
    const annotated = ruleIds.flatMap((ruleId) => expectedLines(root, ruleId)).sort();
    expect(annotated).toEqual(expected.findings.map((finding) => `${finding.file}:${finding.line}`).sort());
  });
});
