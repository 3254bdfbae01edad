/** Builds dist/ once before the suite, so tests that spawn the real `bin/archcheck.js` never run a stale build. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  // Local iteration on a tree that does not build yet; CI and `npm test` never set it.
  if (process.env.ARCHCHECK_TEST_NO_BUILD === '1') return;
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
