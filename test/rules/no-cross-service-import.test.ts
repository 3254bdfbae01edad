import { describe, expect, it } from 'vitest';
import { analyzeFixture, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'no-cross-service-import';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

  it('names both services, the target file and how the import got there', async () => {
    const result = await analyzeFixture(RULE, 'invalid-relative-alias-and-package');
    const alias = result.findings.find((finding) => finding.data.specifier === '@inventory/reservations');
    expect(alias?.services).toEqual(['checkout', 'inventory']);
    expect(alias?.related).toEqual([
      { file: 'services/inventory/src/reservations.ts', line: 1, message: 'internal module of service inventory' },
    ]);
    expect(alias?.message).toBe(
      "Service checkout imports '@inventory/reservations' from the source of service inventory " +
        "(services/inventory/src/reservations.ts). Code shared this way ties both services' builds and releases " +
        'together and exposes the internals of inventory. Move the shared code into a library package, or call ' +
        'inventory through its API.',
    );
  });

  it('treats the workspace library as a library, not a service', async () => {
    const result = await analyzeFixture(RULE, 'valid-shared-library');
    expect(result.services.map((service) => service.name)).toEqual(['api', 'worker']);
    expect(result.libraries.map((library) => library.name)).toEqual(['contracts']);
    expect(result.stats.imports).toEqual({ crossService: 0, toLibraries: 4 });
  });

  it('counts a type-only import into another service but accepts it with allowTypeOnly', async () => {
    const result = await analyzeFixture(RULE, 'valid-type-only-allowed');
    expect(result.findings).toEqual([]);
    expect(result.stats.imports.crossService).toBe(1);
  });
});
