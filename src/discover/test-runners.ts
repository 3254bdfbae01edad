/** Test-runner folders (`e2e/`, `tests/`, `*-e2e`) that run a suite against the system: neither services nor libraries. */
import type { PackageFact } from '../types/index.js';
import { runScript, SERVER_FRAMEWORKS } from './deployables.js';
import { basenameOf } from './paths.js';

/** Folder names that hold a suite run against the deployed system, not a deployable. */
const TEST_FOLDER = /^(?:e2e|tests?|integration-tests|.+-e2e)$/i;

/** Test-runner packages; a package with any of them and nothing that serves is a suite. */
const TEST_RUNNERS = ['jest', 'mocha', 'vitest', '@playwright/test', 'playwright', 'cypress', 'ava', 'jasmine', 'tap'];

/** A `test` script that calls a runner (`jest --runInBand`, `./node_modules/mocha/bin/_mocha`, `node --test`). */
const RUNNER_COMMAND = /(?:^|[^\w@-])(?:jest|mocha|vitest|playwright|cypress|ava|jasmine|tap)(?![\w-])|\bnode\s+--test\b/;

/**
 * Package folders that are test suites: named like one, depending on a test runner (or with a `test` script that
 * calls one), with no server framework in any dependency list and no script that runs a process (`start`, `serve`,
 * `dev`). Conservative on purpose: a folder that could also serve stays eligible.
 */
export function findTestRunners(packages: Map<string, PackageFact>): Set<string> {
  const out = new Set<string>();
  for (const [dir, pkg] of packages) {
    if (dir === '.' || !TEST_FOLDER.test(basenameOf(dir))) continue;
    const dependencies = [...pkg.dependencies, ...pkg.devDependencies];
    if (SERVER_FRAMEWORKS.some((name) => dependencies.includes(name)) || runScript(pkg.scripts) !== null) continue;
    const testScript = pkg.scripts['test'];
    if (TEST_RUNNERS.some((name) => dependencies.includes(name)) || (testScript !== undefined && RUNNER_COMMAND.test(testScript))) {
      out.add(dir);
    }
  }
  return out;
}
