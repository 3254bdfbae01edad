import { describe, expect, it } from 'vitest';
import type { AnalysisError, ErrorStage } from '../../src/types/errors.js';
import type { Finding, RelatedLocation, Severity } from '../../src/types/finding.js';
import type { EdgeKind } from '../../src/types/graph.js';
import type { ServiceEvidence, ServiceEvidenceKind } from '../../src/types/inventory.js';
import type { Confidence, Evidence } from '../../src/types/location.js';
import type { RuleCategory, RuleDescriptor, RulePrecision } from '../../src/types/rule.js';
import type {
  Result,
  ResultDatabase,
  ResultEdge,
  ResultLibrary,
  ResultScore,
  ResultService,
  ResultStats,
  ResultTable,
  Verdict,
} from '../../src/types/result.js';
import {
  loadRecordedResult,
  loadResultSchema,
  readRecordedJson,
  recordedResultNames,
  resultValidator,
} from './recorded-results.js';

/** Keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;

/**
 * The TS side of the comparison. `Record<…, true>` object literals make tsc reject a missing or an extra key,
 * so these lists cannot silently drift from `src/types`.
 */
interface KeySpec<T> {
  required: Record<RequiredKeys<T>, true>;
  optional: Record<OptionalKeys<T>, true>;
}
const spec = <T>(keys: KeySpec<T>): { required: string[]; optional: string[] } => ({
  required: Object.keys(keys.required).sort(),
  optional: Object.keys(keys.optional).sort(),
});
const values = <U extends string>(members: Record<U, true>): string[] => Object.keys(members).sort();

type Pillar = ResultScore['pillars'][number];

const location = { required: { file: true, line: true }, optional: { column: true } } as const;

/** Schema pointer (from the root) → key set of the TS type it describes. */
const objects: Record<string, { required: string[]; optional: string[] }> = {
  '': spec<Result>({
    required: {
      schemaVersion: true, tool: true, services: true, libraries: true, edges: true, databases: true,
      findings: true, rules: true, score: true, errors: true, stats: true,
    },
    optional: {},
  }),
  '/properties/tool': spec<Result['tool']>({ required: { name: true, version: true }, optional: {} }),
  '/definitions/service': spec<ResultService>({
    required: { name: true, root: true, packageName: true, evidence: true },
    optional: {},
  }),
  '/definitions/library': spec<ResultLibrary>({ required: { name: true, root: true, packageName: true }, optional: {} }),
  '/definitions/edge': spec<ResultEdge>({
    required: { from: true, to: true, kind: true, protocol: true, confidence: true, locations: true },
    optional: {},
  }),
  '/definitions/database': spec<ResultDatabase>({
    required: { id: true, engine: true, usedBy: true, tables: true },
    optional: {},
  }),
  '/definitions/table': spec<ResultTable>({ required: { name: true, owner: true }, optional: {} }),
  '/definitions/evidence': spec<Evidence>({
    required: location.required,
    optional: { ...location.optional, snippet: true },
  }),
  '/definitions/serviceEvidence': spec<ServiceEvidence>({
    required: { ...location.required, kind: true, detail: true },
    optional: { ...location.optional, snippet: true },
  }),
  '/definitions/relatedLocation': spec<RelatedLocation>({
    required: { ...location.required, message: true },
    optional: location.optional,
  }),
  '/definitions/finding': spec<Finding>({
    required: {
      ruleId: true, severity: true, messageId: true, message: true, data: true, location: true, related: true,
      services: true, fingerprint: true,
    },
    optional: { path: true },
  }),
  '/definitions/rule': spec<RuleDescriptor>({
    required: {
      id: true, description: true, category: true, defaultSeverity: true, recommended: true, precision: true,
      helpUri: true,
    },
    optional: {},
  }),
  '/definitions/score': spec<ResultScore>({
    required: { verdict: true, distributedMonolithRisk: true, readiness: true, pillars: true, note: true },
    optional: {},
  }),
  '/definitions/score/properties/pillars/items': spec<Pillar>({
    required: { name: true, score: true, inputs: true },
    optional: {},
  }),
  '/definitions/analysisError': spec<AnalysisError>({
    required: { file: true, stage: true, code: true, message: true },
    optional: { line: true, column: true },
  }),
  '/definitions/stats': spec<ResultStats>({
    required: {
      files: true, services: true, libraries: true, calls: true, callCoverage: true, imports: true, findings: true,
    },
    optional: {},
  }),
  '/definitions/stats/properties/files': spec<ResultStats['files']>({
    required: { analyzed: true, byKind: true, skipped: true },
    optional: {},
  }),
  '/definitions/stats/properties/calls': spec<ResultStats['calls']>({
    required: { total: true, toServices: true, external: true, unresolved: true },
    optional: {},
  }),
  '/definitions/stats/properties/imports': spec<ResultStats['imports']>({
    required: { crossService: true, toLibraries: true },
    optional: {},
  }),
  '/definitions/stats/properties/findings': spec<ResultStats['findings']>({
    required: { error: true, warning: true, note: true },
    optional: {},
  }),
};

const enums: Record<string, string[]> = {
  severity: values<Severity>({ error: true, warning: true, note: true }),
  confidence: values<Confidence>({ certain: true, resolved: true, inferred: true }),
  edgeKind: values<EdgeKind>({ sync: true, async: true, database: true, import: true }),
  verdict: values<Verdict>({
    unscored: true, monolith: true, 'modular-monolith': true, 'distributed-monolith': true,
    'microservices-healthy': true, 'microservices-at-risk': true, migrating: true,
  }),
  errorStage: values<ErrorStage>({ walk: true, extract: true, discover: true, resolve: true, config: true, check: true }),
  serviceEvidenceKind: values<ServiceEvidenceKind>({
    config: true, workspace: true, 'compose-build': true, 'k8s-workload': true, dockerfile: true, layout: true,
    'server-dependency': true, 'root-package': true,
  }),
  ruleCategory: values<RuleCategory>({ data: true, coupling: true, resilience: true, topology: true, operations: true }),
  rulePrecision: values<RulePrecision>({ 'very-high': true, high: true, medium: true, low: true }),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at a JSON pointer (into the schema or into a Result). */
function at(root: Record<string, unknown>, pointer: string): Record<string, unknown> {
  let node: unknown = root;
  for (const segment of pointer.split('/').slice(1)) {
    node = Array.isArray(node) ? node.at(Number(segment)) : isRecord(node) ? node[segment] : undefined;
  }
  if (!isRecord(node)) throw new Error(`no schema object at ${pointer}`);
  return node;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').sort() : [];
}

/** Every subschema with `properties`, with its pointer. */
function objectSchemas(node: unknown, pointer = ''): [string, Record<string, unknown>][] {
  if (Array.isArray(node)) return node.flatMap((item, i) => objectSchemas(item, `${pointer}/${i}`));
  if (!isRecord(node)) return [];
  const own: [string, Record<string, unknown>][] = 'properties' in node ? [[pointer, node]] : [];
  return [...own, ...Object.entries(node).flatMap(([key, value]) => objectSchemas(value, `${pointer}/${key}`))];
}

describe('result.schema.json', () => {
  const schema = loadResultSchema();

  it.each(recordedResultNames())('accepts the recorded %s', (name) => {
    const validate = resultValidator();
    expect(validate(readRecordedJson(name)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('closes every object with additionalProperties: false', () => {
    const found = objectSchemas(schema);
    expect(found.length).toBeGreaterThan(15);
    for (const [pointer, node] of found) expect(node.additionalProperties, pointer).toBe(false);
  });

  it.each(Object.entries(objects))('matches the TS keys at "%s"', (pointer, keys) => {
    const node = at(schema, pointer);
    const properties = Object.keys(at(node, '/properties')).sort();
    expect(properties).toEqual([...keys.required, ...keys.optional].sort());
    expect(stringList(node.required)).toEqual(keys.required);
  });

  it('describes every object it declares (no schema object is left out of the comparison)', () => {
    const compared = new Set(Object.keys(objects));
    const declared = objectSchemas(schema).map(([pointer]) => pointer);
    expect(declared.filter((pointer) => !compared.has(pointer))).toEqual([]);
  });

  it.each(Object.entries(enums))('matches the TS union %s', (name, members) => {
    expect(stringList(at(schema, `/definitions/${name}`).enum)).toEqual(members);
  });

  describe('rejects', () => {
    const base = (): Record<string, unknown> => {
      const copy: unknown = structuredClone(loadRecordedResult('distributed-monolith.json'));
      if (!isRecord(copy)) throw new Error('not an object');
      return copy;
    };
    const firstFinding = (result: Record<string, unknown>): Record<string, unknown> => at(result, '/findings/0');

    it.each<[string, (result: Record<string, unknown>) => void]>([
      ['line 0', (r) => void (at(firstFinding(r), '/location').line = 0)],
      ['a fractional line', (r) => void (at(firstFinding(r), '/location').line = 1.5)],
      ['an unknown severity', (r) => void (firstFinding(r).severity = 'fatal')],
      ['an unknown top-level key', (r) => void (r.extra = true)],
      ['an unknown nested key', (r) => void (firstFinding(r).extra = true)],
      ['a missing required key', (r) => void delete r.stats],
      ['a wrong schemaVersion', (r) => void (r.schemaVersion = '2.0')],
      ['an unknown edge kind', (r) => void (at(r, '/edges/0').kind = 'rpc')],
      ['an unknown confidence', (r) => void (at(r, '/edges/0').confidence = 'maybe')],
      ['an unknown verdict', (r) => void (at(r, '/score').verdict = 'fine')],
      ['an unknown error stage', (r) => void (at(r, '/errors/0').stage = 'parse')],
      ['a bad node key', (r) => void (at(r, '/edges/0').from = 'orders')],
      ['a negative count', (r) => void (at(r, '/stats/calls').total = -1)],
      ['callCoverage above 1', (r) => void (at(r, '/stats').callCoverage = 1.5)],
    ])('%s', (_name, mutate) => {
      const result = base();
      mutate(result);
      expect(resultValidator()(result)).toBe(false);
    });
  });
});
