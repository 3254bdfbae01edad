/**
 * Kubernetes YAML manifests → workload, Service and ConfigMap/Secret facts; Helm templates are refused. A YAML file
 * shaped like a compose file but named otherwise (`deploy/services.yaml`) is handed to the compose extractor.
 */
import type { AnalysisError, Extractor, ExtractOutput, Fact, SourceFile } from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { composeExtractor, isComposePath } from './compose.js';
import { MESH_KINDS, meshFacts } from './istio.js';
import { envoyFacts, linkerdFacts } from './mesh-more.js';
import { isModeledKind, objectFact, type K8sContext } from './k8s-resources.js';
import { baseName, hasDirSegment } from './paths.js';
import { extractError, guarded } from './report.js';
import { childOf, entriesOf, itemsOf, parseYaml, textOf, type YNode } from './yaml.js';

const ID = 'kubernetes';
// YAML files that other extractors own or that are never manifests (and can be large).
const NOT_MANIFESTS = new Set(['pnpm-workspace.yaml', 'pnpm-workspace.yml', 'pnpm-lock.yaml']);

/** Any `.yml`/`.yaml` that is not compose, a pnpm file, or CI configuration under `.github/`. */
export function isKubernetesCandidate(path: string): boolean {
  const base = baseName(path);
  if (!base.endsWith('.yml') && !base.endsWith('.yaml')) return false;
  return !NOT_MANIFESTS.has(base) && !isComposePath(path) && !hasDirSegment(path, '.github');
}

function extractKubernetes(file: SourceFile): ExtractOutput {
  const lines = new LineIndex(file.text);
  // Helm chart templates are Go templates that only become YAML after rendering.
  const template = file.text.indexOf('{{');
  if (template >= 0 && hasDirSegment(file.path, 'templates')) {
    const message = 'Helm template is not plain YAML; render it with `helm template` to analyze it.';
    return { facts: [], errors: [extractError(file.path, 'unrendered-template', message, lines.position(template))] };
  }
  const { docs, errors } = parseYaml(file.path, file.text);
  // Other templating (`image: {{REGISTRY}}/api`) breaks YAML the same way: say so instead of a syntax error.
  if (template >= 0 && errors.length > 0) {
    const message = 'YAML with template placeholders ({{ }}) is not plain YAML; render it first to analyze it.';
    return { facts: [], errors: [extractError(file.path, 'unrendered-template', message, lines.position(template))] };
  }
  if (docs.length === 1 && looksLikeCompose(docs[0]?.root)) return composeExtractor.extract(file);
  const ctx: K8sContext = { file: file.path, lines, extractor: ID };
  const facts: Fact[] = [];
  for (const doc of docs) collect(doc.root, ctx, facts, errors, 0);
  return { facts, errors };
}

/** A top-level `services:` map whose entries build or run images, and no `apiVersion`: a compose file. */
function looksLikeCompose(root: YNode | undefined): boolean {
  if (root === undefined || childOf(root, 'apiVersion') !== undefined) return false;
  const services = entriesOf(childOf(root, 'services'));
  return services.length > 0 && services.every((entry) => childOf(entry.value, 'image') !== undefined || childOf(entry.value, 'build') !== undefined || childOf(entry.value, 'extends') !== undefined);
}

/** Adds the fact of one object; `kind: List` wraps objects in `items` (one nesting level is plenty). */
function collect(node: YNode, ctx: K8sContext, facts: Fact[], errors: AnalysisError[], depth: number): void {
  const apiVersion = textOf(childOf(node, 'apiVersion'));
  const kind = textOf(childOf(node, 'kind'));
  // An Envoy bootstrap config has neither field but a `static_resources` section.
  if (apiVersion === null && depth === 0 && childOf(node, 'static_resources') !== undefined) {
    facts.push(...envoyFacts(node, ctx));
    return;
  }
  // Without both fields this is just some other YAML file: silently not ours.
  if (apiVersion === null || kind === null) return;
  if (kind === 'List' || kind.endsWith('List')) {
    if (depth < 2) for (const item of itemsOf(childOf(node, 'items'))) collect(item, ctx, facts, errors, depth + 1);
    return;
  }
  if (MESH_KINDS.has(kind)) {
    facts.push(...meshFacts(kind, node, ctx));
    return;
  }
  if (kind === 'ServiceProfile') {
    facts.push(...linkerdFacts(node, ctx));
    return;
  }
  if (!isModeledKind(kind)) return;
  const fact = objectFact(kind, node, ctx);
  if (fact !== null) facts.push(fact);
  else {
    const at = ctx.lines.position(node.offset);
    const message = `Kubernetes ${kind} has no metadata.name; it was skipped.`;
    errors.push(extractError(ctx.file, 'invalid-manifest', message, at));
  }
}

/** The Kubernetes manifest extractor. */
export const kubernetesExtractor: Extractor = {
  id: ID,
  matches: isKubernetesCandidate,
  extract: (file) => guarded(ID, file.path, () => extractKubernetes(file)),
};
