/** Test helper: loads the recorded Results in fixtures/results, checked against the published schema. */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Result } from '../../src/types/result.js';

const root = new URL('../../', import.meta.url);
const resultsDir = new URL('fixtures/results/', root);

/** The parsed `schema/result.schema.json`. */
export function loadResultSchema(): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(new URL('schema/result.schema.json', root), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('schema is not an object');
  return { ...parsed };
}

let validator: ValidateFunction<Result> | undefined;

/** A validator for the Result schema; as a type guard it is also how tests get a typed Result without casts. */
export function resultValidator(): ValidateFunction<Result> {
  // Default Ajv options on purpose: strict mode would flag a sloppy schema the way a consumer's Ajv would.
  validator ??= new Ajv({ allErrors: true }).compile<Result>(loadResultSchema());
  return validator;
}

/** File names of the recorded Results, sorted. */
export function recordedResultNames(): string[] {
  return readdirSync(resultsDir)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** Reads a recorded Result as raw JSON (for schema tests that must see what is on disk). */
export function readRecordedJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, resultsDir), 'utf8'));
}

/** Reads a recorded Result and checks it against the schema; throws with Ajv's errors when it does not match. */
export function loadRecordedResult(name: string): Result {
  const data = readRecordedJson(name);
  const validate = resultValidator();
  if (!validate(data)) throw new Error(`${name} does not match the Result schema: ${JSON.stringify(validate.errors)}`);
  return data;
}
