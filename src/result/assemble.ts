/** Assembles the public Result from the pipeline's outputs: sorted, aggregated, no clock, no machine paths. */
import { compareLocations, compareStrings, sortKeys } from '../shared/compare.js';
import { describeRule } from '../check/define-rule.js';
import { targetNode } from '../graph/keys.js';
import { serviceKey, libraryKey } from '../graph/keys.js';
import { weakest } from '../resolve/values.js';
import { databaseEdges, resultDatabases } from './databases.js';
import { topicKey } from '../graph/messages.js';
import {
  SCHEMA_VERSION,
  type AnalysisError,
  type Evidence,
  type Finding,
  type Model,
  type Result,
  type ResultEdge,
  type ResultScore,
  type Rule,
} from '../types/index.js';

export interface AssembleInput {
  version: string;
  model: Model;
  findings: Finding[];
  errors: AnalysisError[];
  rules: readonly Rule<unknown, string>[];
  score: ResultScore;
  skippedFiles: number;
}

export function assembleResult(input: AssembleInput): Result {
  const { model } = input;
  const edges = aggregateEdges(model);
  const calls = model.calls;
  const unresolved = calls.filter((call) => call.target.kind === 'unknown').length;
  const count = (severity: Finding['severity']): number =>
    input.findings.filter((finding) => finding.severity === severity).length;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'archcheck', version: input.version },
    services: model.inventory.services.map((service) => ({
      name: service.name,
      root: service.root,
      packageName: service.packageName,
      evidence: service.evidence,
    })),
    libraries: model.inventory.libraries.map((library) => ({
      name: library.name,
      root: library.root,
      packageName: library.packageName,
    })),
    edges,
    databases: resultDatabases(model.data),
    findings: input.findings,
    rules: input.rules.map(describeRule).sort((a, b) => compareStrings(a.id, b.id)),
    score: input.score,
    errors: [...input.errors].sort(compareErrors),
    stats: {
      files: {
        analyzed: Object.values(model.filesByKind).reduce((sum, n) => sum + n, 0),
        byKind: sortKeys(model.filesByKind),
        skipped: input.skippedFiles,
      },
      services: model.inventory.services.length,
      libraries: model.inventory.libraries.length,
      calls: {
        total: calls.length,
        toServices: calls.filter((call) => call.target.kind === 'service').length,
        external: calls.filter((call) => call.target.kind === 'external').length,
        unresolved,
      },
      callCoverage: calls.length === 0 ? 1 : Math.round(((calls.length - unresolved) / calls.length) * 1000) / 1000,
      imports: {
        crossService: model.imports.filter((entry) => entry.toService !== null).length,
        toLibraries: model.imports.filter((entry) => entry.toLibrary !== null).length,
      },
      findings: { error: count('error'), warning: count('warning'), note: count('note') },
    },
  };
}

function aggregateEdges(model: Model): ResultEdge[] {
  const byKey = new Map<string, ResultEdge>();
  const add = (edge: Omit<ResultEdge, 'locations'>, location: Evidence): void => {
    const key = `${edge.from}\0${edge.to}\0${edge.kind}\0${edge.protocol}`;
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, { ...edge, locations: [location] });
      return;
    }
    existing.confidence = weakest(existing.confidence, edge.confidence);
    if (!existing.locations.some((known) => sameLocation(known, location))) existing.locations.push(location);
  };
  for (const call of model.calls) {
    add(
      { from: serviceKey(call.from), to: targetNode(call.target), kind: 'sync', protocol: call.protocol, confidence: call.confidence },
      call.location,
    );
  }
  for (const entry of model.imports) {
    const to = entry.toService !== null ? serviceKey(entry.toService) : libraryKey(entry.toLibrary ?? '');
    add({ from: serviceKey(entry.fromService), to, kind: 'import', protocol: 'import', confidence: 'certain' }, entry.location);
  }
  for (const { edge, location } of databaseEdges(model.data)) add(edge, location);
  for (const message of model.messages ?? []) {
    const topic = topicKey(message.broker, message.topic);
    const service = serviceKey(message.service);
    const [from, to] = message.role === 'publish' ? [service, topic] : [topic, service];
    add({ from, to, kind: 'async', protocol: message.broker, confidence: message.confidence }, message.location);
  }
  const edges = [...byKey.values()];
  for (const edge of edges) edge.locations.sort(compareLocations);
  return edges.sort(
    (a, b) =>
      compareStrings(a.kind, b.kind) || compareStrings(a.from, b.from) || compareStrings(a.to, b.to) ||
      compareStrings(a.protocol, b.protocol),
  );
}

function sameLocation(a: Evidence, b: Evidence): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

function compareErrors(a: AnalysisError, b: AnalysisError): number {
  return (
    compareStrings(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}
