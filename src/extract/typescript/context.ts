/** Per-file context shared by the detectors, and the fact constructors that stamp location and provenance. */
import type { Evidence, ExportedValue, ExportedValueFact, FoldedValue, HttpCallFact, ImportFact, ListenFact } from '../../types/index.js';
import type { LineIndex } from '../shared/lines.js';

/** Extractor id, recorded on every fact. */
export const EXTRACTOR_ID = 'typescript';

/** The file being extracted. */
export interface FileContext {
  /** Repo-relative POSIX path. */
  path: string;
  /** Line index of the original text (evidence snippets show what the user wrote). */
  lines: LineIndex;
}

/** Evidence for an offset of the file. */
export function at(context: FileContext, offset: number): Evidence {
  return context.lines.evidence(context.path, offset);
}

/** An {@link ImportFact}. */
export function importFact(
  context: FileContext,
  offset: number,
  specifier: string,
  importKind: ImportFact['importKind'],
  typeOnly: boolean,
): ImportFact {
  return { kind: 'import', location: at(context, offset), extractor: EXTRACTOR_ID, specifier, importKind, typeOnly };
}

/** An {@link HttpCallFact}. */
export function httpFact(
  context: FileContext,
  offset: number,
  client: string,
  method: string | null,
  url: FoldedValue,
): HttpCallFact {
  return { kind: 'http-call', location: at(context, offset), extractor: EXTRACTOR_ID, client, method, url };
}

/** A {@link ListenFact}. */
export function listenFact(context: FileContext, offset: number, port: FoldedValue): ListenFact {
  return { kind: 'listen', location: at(context, offset), extractor: EXTRACTOR_ID, port };
}

/** An {@link ExportedValueFact}. */
export function exportedValueFact(
  context: FileContext,
  offset: number,
  name: string,
  value: ExportedValue,
): ExportedValueFact {
  return { kind: 'exported-value', location: at(context, offset), extractor: EXTRACTOR_ID, name, value };
}
