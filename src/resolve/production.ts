/**
 * Test and tooling code is not production traffic: a spec that calls `http://localhost:3000` or imports another
 * service's source to set up a fixture does not couple deployments. Such files are left out of calls and imports.
 */
const TEST_SEGMENTS = new Set(['test', 'tests', '__tests__', '__mocks__', 'e2e', 'spec', 'cypress', 'playwright', 'fixtures', '__fixtures__']);
const TEST_SUFFIXES = ['.spec', '.test', '.e2e-spec', '.e2e', '.stories', '.mock'];

export function isProductionSource(path: string): boolean {
  const segments = path.split('/');
  const fileName = segments.pop() ?? '';
  if (segments.some((segment) => TEST_SEGMENTS.has(segment))) return false;
  const stem = fileName.replace(/\.[cm]?[jt]sx?$/, '');
  return !TEST_SUFFIXES.some((suffix) => stem.endsWith(suffix));
}
