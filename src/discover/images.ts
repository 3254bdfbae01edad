/**
 * Third-party infrastructure images: databases, brokers, proxies, observability, language base images. A compose
 * service or workload running one of them is infrastructure, never the repository's own code, however its name
 * matches a folder (a `redis` image must not turn the `libs/redis` client library into a service).
 */
import { imageBaseName } from './naming.js';

const INFRASTRUCTURE_NAMES = new Set([
  'adminer', 'alpine', 'azurite', 'busybox', 'caddy', 'cassandra', 'clickhouse-server', 'cockroach', 'consul',
  'couchdb', 'cp-kafka', 'cp-schema-registry', 'cp-zookeeper', 'debian', 'dynamodb-local', 'elasticsearch', 'envoy',
  'etcd', 'golang', 'grafana', 'haproxy', 'httpd', 'influxdb', 'jaeger', 'all-in-one', 'kafdrop', 'kafka',
  'kafka-ui', 'keycloak', 'kibana', 'localstack', 'logstash', 'loki', 'mailhog', 'mailpit', 'mariadb', 'memcached',
  'minio', 'mongo', 'mongo-express', 'mongodb', 'mssql-server', 'mysql', 'nats', 'nats-streaming', 'neo4j', 'nginx',
  'node', 'openjdk', 'opensearch', 'opentelemetry-collector', 'opentelemetry-collector-contrib', 'pgadmin4',
  'postgis', 'postgres', 'prometheus', 'promtail', 'python', 'rabbitmq', 'redis', 'redis-commander', 'redis-stack',
  'redpanda', 'registry', 'scylla', 'tempo', 'temporal', 'traefik', 'ubuntu', 'valkey', 'vault', 'wiremock',
  'zookeeper', 'bitnami-kafka',
]);

/** Registry namespaces that only publish third-party images. */
const INFRASTRUCTURE_NAMESPACES = [
  'bitnami/', 'confluentinc/', 'wurstmeister/', 'docker.elastic.co/', 'grafana/', 'prom/', 'jaegertracing/', 'otel/',
  'hashicorp/', 'temporalio/', 'localstack/', 'minio/', 'library/', 'quay.io/keycloak/', 'redpandadata/',
  'docker.redpanda.com/', 'mcr.microsoft.com/mssql/', 'mcr.microsoft.com/azure-storage/',
];

export function isInfrastructureImage(image: string): boolean {
  const lower = image.trim().toLowerCase();
  if (INFRASTRUCTURE_NAMESPACES.some((namespace) => lower.startsWith(namespace) || lower.includes(`/${namespace}`))) {
    return true;
  }
  const base = imageBaseName(lower);
  return base !== null && INFRASTRUCTURE_NAMES.has(base);
}
