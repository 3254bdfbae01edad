/**
 * Third-party images: infrastructure servers (databases, brokers, proxies, observability) and the language runtimes
 * and operating-system bases code is run on. A compose service or workload running one of them is never the
 * repository's own code, however its name matches a folder (a `redis` image must not turn the `libs/redis` client
 * library into a service); a runtime image may still run code that compose bind-mounts into it.
 */
import { imageBaseName } from './naming.js';

/** Servers that run as shipped, configured at most by files copied or mounted in. */
const SERVER_NAMES = new Set([
  'adminer', 'azurite', 'caddy', 'cassandra', 'clickhouse-server', 'cockroach', 'consul', 'couchdb', 'cp-kafka',
  'cp-schema-registry', 'cp-zookeeper', 'dynamodb-local', 'elasticsearch', 'envoy', 'etcd', 'grafana', 'haproxy',
  'httpd', 'influxdb', 'jaeger', 'all-in-one', 'kafdrop', 'kafka', 'kafka-ui', 'keycloak', 'kibana', 'localstack',
  'logstash', 'loki', 'mailhog', 'mailpit', 'mariadb', 'memcached', 'minio', 'mongo', 'mongo-express', 'mongodb',
  'mssql-server', 'mysql', 'nats', 'nats-streaming', 'neo4j', 'nginx', 'nginx-unprivileged', 'opensearch',
  'opentelemetry-collector', 'opentelemetry-collector-contrib', 'pgadmin4', 'postgis', 'postgres', 'prometheus',
  'promtail', 'rabbitmq', 'redis', 'redis-commander', 'redis-stack', 'redpanda', 'registry', 'scylla', 'tempo',
  'temporal', 'traefik', 'valkey', 'vault', 'wiremock', 'zookeeper', 'bitnami-kafka',
]);

/** Language runtimes: stock images that run whatever code is copied or mounted into them. */
const RUNTIME_NAMES = new Set(['node', 'bun', 'deno', 'javascript-node', 'typescript-node', 'python', 'golang', 'openjdk']);

/** Operating-system bases a Dockerfile builds on. */
const OS_NAMES = new Set(['alpine', 'busybox', 'debian', 'ubuntu']);

/** Registry namespaces that only publish third-party images. */
const INFRASTRUCTURE_NAMESPACES = [
  'bitnami/', 'confluentinc/', 'wurstmeister/', 'docker.elastic.co/', 'grafana/', 'prom/', 'jaegertracing/', 'otel/',
  'hashicorp/', 'temporalio/', 'localstack/', 'minio/', 'library/', 'quay.io/keycloak/', 'redpandadata/',
  'docker.redpanda.com/', 'mcr.microsoft.com/mssql/', 'mcr.microsoft.com/azure-storage/', 'nginxinc/',
];

/** Any third-party image: an infrastructure server, a language runtime or an operating-system base. */
export function isInfrastructureImage(image: string): boolean {
  const lower = image.trim().toLowerCase();
  if (INFRASTRUCTURE_NAMESPACES.some((namespace) => lower.startsWith(namespace) || lower.includes(`/${namespace}`))) {
    return true;
  }
  const base = imageBaseName(lower);
  return base !== null && (SERVER_NAMES.has(base) || RUNTIME_NAMES.has(base) || OS_NAMES.has(base));
}

/** A language runtime (`node:18-alpine`, `oven/bun`, `denoland/deno`), whoever publishes it. */
export function isRuntimeImage(image: string): boolean {
  const base = imageBaseName(image.trim());
  return base !== null && RUNTIME_NAMES.has(base);
}

/**
 * A third-party server image (`mongo:5`, `postgres`, `bitnami/redis`, `nginx`): infrastructure even when a Dockerfile
 * builds on it, since what it adds are config and init scripts. Runtimes and operating-system bases are not.
 */
export function isServerImage(image: string): boolean {
  const base = imageBaseName(image.trim());
  return isInfrastructureImage(image) && !(base !== null && (RUNTIME_NAMES.has(base) || OS_NAMES.has(base)));
}

/**
 * Whether a Dockerfile only configures a server image (`FROM mongo:5` plus init scripts): its final stage builds on
 * a server image and no stage builds on a language runtime. A Node build copied into `nginx` stays the repository's
 * own code; so does a base that is unknown or an operating system.
 */
export function isInfrastructureBuild(baseImages: (string | null)[]): boolean {
  const final = baseImages[baseImages.length - 1];
  if (final === undefined || final === null || !isServerImage(final)) return false;
  return !baseImages.some((image) => image !== null && isRuntimeImage(image));
}
