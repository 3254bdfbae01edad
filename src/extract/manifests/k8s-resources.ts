/** Kubernetes objects → facts: workloads (pod templates), Services, ConfigMaps and Secrets. */
import type { EnvEntry, Fact, K8sConfigFact, K8sServiceFact, K8sWorkloadFact } from '../../types/index.js';
import type { LineIndex } from '../shared/lines.js';
import { entriesOf, childOf, intOf, itemsOf, stringMapOf, textOf, type YNode } from './yaml.js';

/** Where facts are reported from. */
export interface K8sContext {
  file: string;
  lines: LineIndex;
  extractor: string;
}

type Container = K8sWorkloadFact['containers'][number];

/** Path from a workload's `spec` to its pod template, per kind. */
const POD_TEMPLATE = new Map<string, string[]>([
  ['Deployment', ['spec', 'template']],
  ['StatefulSet', ['spec', 'template']],
  ['DaemonSet', ['spec', 'template']],
  ['ReplicaSet', ['spec', 'template']],
  ['ReplicationController', ['spec', 'template']],
  ['Job', ['spec', 'template']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
]);

/** Whether archcheck turns objects of this kind into facts. */
export function isModeledKind(kind: string): boolean {
  return kind === 'Pod' || kind === 'Service' || kind === 'ConfigMap' || kind === 'Secret' || POD_TEMPLATE.has(kind);
}

/** The fact for one object with `apiVersion` and `kind`; null for kinds archcheck does not model or a missing name. */
export function objectFact(kind: string, doc: YNode, ctx: K8sContext): Fact | null {
  const metadata = childOf(doc, 'metadata');
  // `generateName` is how Jobs and Pods created by tools are often named; it is the stable part.
  const nameNode = childOf(metadata, 'name') ?? childOf(metadata, 'generateName');
  const name = textOf(nameNode);
  if (name === null) return null;
  const namespace = textOf(childOf(metadata, 'namespace')) ?? 'default';
  // The `name:` line identifies the object for a reader; fall back to the document start.
  const location = ctx.lines.evidence(ctx.file, nameNode?.offset ?? doc.offset);
  const base = { extractor: ctx.extractor, location, name, namespace };
  if (kind === 'Pod') return workload(kind, base, metadata, childOf(doc, 'spec'), ctx);
  const templatePath = POD_TEMPLATE.get(kind);
  if (templatePath !== undefined) {
    const template = templatePath.reduce<YNode | undefined>((node, key) => childOf(node, key), doc);
    return workload(kind, base, childOf(template, 'metadata'), childOf(template, 'spec'), ctx);
  }
  if (kind === 'Service') return service(base, childOf(doc, 'spec'));
  if (kind === 'ConfigMap') {
    return { kind: 'k8s-config', configKind: 'configMap', ...base, entries: plainEntries(childOf(doc, 'data'), ctx) };
  }
  if (kind === 'Secret') return { kind: 'k8s-config', configKind: 'secret', ...base, entries: secretEntries(doc, ctx) };
  return null;
}

type Base = Pick<K8sWorkloadFact, 'extractor' | 'location' | 'name' | 'namespace'>;

function workload(
  kind: string,
  base: Base,
  podMetadata: YNode | undefined,
  podSpec: YNode | undefined,
  ctx: K8sContext,
): K8sWorkloadFact {
  const containers: Container[] = [];
  for (const key of ['initContainers', 'containers']) {
    for (const node of itemsOf(childOf(podSpec, key))) containers.push(container(node, ctx));
  }
  const podLabels = stringMapOf(childOf(podMetadata, 'labels'));
  return { kind: 'k8s-workload', workloadKind: kind, ...base, podLabels, containers };
}

function container(node: YNode, ctx: K8sContext): Container {
  const ports: number[] = [];
  for (const port of itemsOf(childOf(node, 'ports'))) {
    const number = intOf(childOf(port, 'containerPort'));
    if (number !== null && !ports.includes(number)) ports.push(number);
  }
  const envFrom: Container['envFrom'] = [];
  for (const source of itemsOf(childOf(node, 'envFrom'))) {
    const configMap = textOf(childOf(childOf(source, 'configMapRef'), 'name'));
    const secret = textOf(childOf(childOf(source, 'secretRef'), 'name'));
    if (configMap !== null) envFrom.push({ kind: 'configMap', name: configMap });
    if (secret !== null) envFrom.push({ kind: 'secret', name: secret });
  }
  return {
    name: textOf(childOf(node, 'name')) ?? '',
    image: textOf(childOf(node, 'image')),
    ports,
    env: itemsOf(childOf(node, 'env')).flatMap((item) => envVar(item, ctx)),
    envFrom,
  };
}

const KEY_REFS: { refKey: string; kind: 'configMap' | 'secret' }[] = [
  { refKey: 'configMapKeyRef', kind: 'configMap' },
  { refKey: 'secretKeyRef', kind: 'secret' },
];

/**
 * `- name: X` with `value` (as written), or `valueFrom` a ConfigMap/Secret key (value null), or
 * another `valueFrom` (field/resource refs: value unknown, null). No value at all is the empty string.
 */
function envVar(item: YNode, ctx: K8sContext): EnvEntry[] {
  const nameNode = childOf(item, 'name');
  const name = textOf(nameNode);
  if (name === null) return [];
  const location = ctx.lines.evidence(ctx.file, nameNode?.offset ?? item.offset);
  const valueFrom = childOf(item, 'valueFrom');
  if (valueFrom === undefined) return [{ name, value: textOf(childOf(item, 'value')) ?? '', location }];
  for (const { refKey, kind } of KEY_REFS) {
    const ref = childOf(valueFrom, refKey);
    const refName = textOf(childOf(ref, 'name'));
    const key = textOf(childOf(ref, 'key'));
    if (refName !== null && key !== null) return [{ name, value: null, from: { kind, name: refName, key }, location }];
  }
  return [{ name, value: null, location }];
}

/** Service: `type` defaults to ClusterIP; an omitted `targetPort` equals `port` (Kubernetes default). */
function service(base: Base, spec: YNode | undefined): K8sServiceFact {
  const ports: K8sServiceFact['ports'] = [];
  for (const item of itemsOf(childOf(spec, 'ports'))) {
    const port = intOf(childOf(item, 'port'));
    if (port === null) continue;
    const targetNode = childOf(item, 'targetPort');
    // A named targetPort (`http`) is resolved against container port names, which we do not model.
    const targetPort = targetNode === undefined ? port : intOf(targetNode);
    ports.push({ port, targetPort, nodePort: intOf(childOf(item, 'nodePort')) });
  }
  return {
    kind: 'k8s-service',
    ...base,
    serviceType: textOf(childOf(spec, 'type')) ?? 'ClusterIP',
    selector: stringMapOf(childOf(spec, 'selector')),
    ports,
  };
}

function plainEntries(node: YNode | undefined, ctx: K8sContext): EnvEntry[] {
  return entriesOf(node).map((entry) => ({
    name: entry.key,
    value: textOf(entry.value),
    location: ctx.lines.evidence(ctx.file, entry.keyOffset),
  }));
}

/**
 * Secret `data` (base64, decoded; undecodable → null) then `stringData`, which wins on equal keys.
 * Evidence carries no snippet: it would print the secret.
 */
function secretEntries(doc: YNode, ctx: K8sContext): K8sConfigFact['entries'] {
  const fromString = plainEntries(childOf(doc, 'stringData'), ctx);
  const overridden = new Set(fromString.map((entry) => entry.name));
  const fromData = plainEntries(childOf(doc, 'data'), ctx)
    .filter((entry) => !overridden.has(entry.name))
    .map((entry) => ({ ...entry, value: entry.value === null ? null : decodeBase64(entry.value) }));
  // The snippet would show the secret value next to its key, so Secret evidence keeps only the position.
  return [...fromData, ...fromString].map((entry) => {
    const { snippet: _omitted, ...location } = entry.location;
    return { ...entry, location };
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Strict base64 → UTF-8 text, or null when the text is not canonical base64 or not UTF-8. */
export function decodeBase64(text: string): string | null {
  let compact = '';
  for (const c of text) if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') compact += c;
  if (compact.length % 4 !== 0) return null;
  const pad = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  for (let i = 0; i < compact.length - pad; i++) {
    if (!isBase64Char(compact.charCodeAt(i))) return null;
  }
  try {
    return UTF8.decode(Buffer.from(compact, 'base64'));
  } catch {
    return null;
  }
}

function isBase64Char(code: number): boolean {
  const alphanumeric = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
  return alphanumeric || code === 43 || code === 47;
}
