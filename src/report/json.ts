/** The `json` reporter: the Result as JSON, keys in a fixed order so output is byte-stable. */
import type { AnalysisError } from '../types/errors.js';
import type { Finding, RelatedLocation } from '../types/finding.js';
import type { ServiceEvidence } from '../types/inventory.js';
import type { Evidence } from '../types/location.js';
import type { RuleDescriptor } from '../types/rule.js';
import type { Result, ResultEdge, ResultScore, ResultStats } from '../types/result.js';
import type { ReporterOptions } from './options.js';
import { compareStrings, sortKeys } from '../shared/compare.js';

/**
 * Renders the Result as 2-space-indented JSON with a trailing newline. Objects are rebuilt field by field, so key
 * order never depends on how the pipeline happened to construct them, and keys outside the contract are dropped.
 * The options are unused: JSON is never colored.
 */
export function jsonReporter(result: Result, _options: ReporterOptions): string {
  return `${JSON.stringify(orderResult(result), null, 2)}\n`;
}

/** The Result with every object's keys in contract order and every map's keys sorted. */
export function orderResult(result: Result): Result {
  return {
    schemaVersion: result.schemaVersion,
    tool: { name: result.tool.name, version: result.tool.version },
    services: result.services.map((service) => ({
      name: service.name,
      root: service.root,
      packageName: service.packageName,
      evidence: service.evidence.map(orderServiceEvidence),
    })),
    libraries: result.libraries.map((library) => ({
      name: library.name,
      root: library.root,
      packageName: library.packageName,
    })),
    edges: result.edges.map(orderEdge),
    databases: result.databases.map((database) => ({
      id: database.id,
      engine: database.engine,
      usedBy: [...database.usedBy],
      tables: database.tables.map((table) => ({ name: table.name, owner: table.owner })),
    })),
    findings: result.findings.map(orderFinding),
    rules: result.rules.map(orderRule),
    score: orderScore(result.score),
    errors: result.errors.map(orderError),
    stats: orderStats(result.stats),
  };
}

function orderEvidence(evidence: Evidence): Evidence {
  return {
    file: evidence.file,
    line: evidence.line,
    ...(evidence.column === undefined ? {} : { column: evidence.column }),
    ...(evidence.snippet === undefined ? {} : { snippet: evidence.snippet }),
  };
}

function orderServiceEvidence(evidence: ServiceEvidence): ServiceEvidence {
  return { kind: evidence.kind, detail: evidence.detail, ...orderEvidence(evidence) };
}

function orderRelated(related: RelatedLocation): RelatedLocation {
  return {
    file: related.file,
    line: related.line,
    ...(related.column === undefined ? {} : { column: related.column }),
    message: related.message,
  };
}

function orderEdge(edge: ResultEdge): ResultEdge {
  return {
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    protocol: edge.protocol,
    confidence: edge.confidence,
    locations: edge.locations.map(orderEvidence),
  };
}

function orderFinding(finding: Finding): Finding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    messageId: finding.messageId,
    message: finding.message,
    data: sortKeys(finding.data),
    location: orderEvidence(finding.location),
    related: finding.related.map(orderRelated),
    services: [...finding.services],
    ...(finding.path === undefined ? {} : { path: [...finding.path] }),
    fingerprint: finding.fingerprint,
  };
}

function orderRule(rule: RuleDescriptor): RuleDescriptor {
  return {
    id: rule.id,
    description: rule.description,
    category: rule.category,
    defaultSeverity: rule.defaultSeverity,
    recommended: rule.recommended,
    precision: rule.precision,
    helpUri: rule.helpUri,
  };
}

function orderScore(score: ResultScore): ResultScore {
  return {
    verdict: score.verdict,
    distributedMonolithRisk: score.distributedMonolithRisk,
    readiness: score.readiness,
    pillars: score.pillars.map((pillar) => ({ name: pillar.name, score: pillar.score, inputs: sortKeys(pillar.inputs) })),
    note: score.note,
  };
}

function orderError(error: AnalysisError): AnalysisError {
  return {
    file: error.file,
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.column === undefined ? {} : { column: error.column }),
    stage: error.stage,
    code: error.code,
    message: error.message,
  };
}

function orderStats(stats: ResultStats): ResultStats {
  return {
    files: { analyzed: stats.files.analyzed, byKind: sortKeys(stats.files.byKind), skipped: stats.files.skipped },
    services: stats.services,
    libraries: stats.libraries,
    calls: {
      total: stats.calls.total,
      toServices: stats.calls.toServices,
      external: stats.calls.external,
      unresolved: stats.calls.unresolved,
    },
    callCoverage: stats.callCoverage,
    imports: { crossService: stats.imports.crossService, toLibraries: stats.imports.toLibraries },
    findings: { error: stats.findings.error, warning: stats.findings.warning, note: stats.findings.note },
  };
}

/** A copy of a string-keyed map with keys in code-unit order (maps have no contract order of their own). */
