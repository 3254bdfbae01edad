import { describe, expect, it } from 'vitest';
import { dotenvExtractor } from '../../src/extract/manifests/dotenv.js';
import { buildEnvironments } from '../../src/resolve/environment.js';
import type { Inventory } from '../../src/types/index.js';
import { service } from '../discover/helpers.js';

describe('resolve: service environments', () => {
  it('expands ${VAR} references inside a .env file from the same file, nested, leaving a lone $ alone', () => {
    const text = [
      'KEYCLOAK_BASE_URL=http://keycloak:8080',
      'KEYCLOAK_REALM=ordering',
      'TOKEN_URL="${KEYCLOAK_BASE_URL}/realms/${KEYCLOAK_REALM}/protocol/openid-connect/token"',
      'USERS_URL=${ADMIN_URL}/users',
      'ADMIN_URL=${KEYCLOAK_BASE_URL}/admin/realms/${KEYCLOAK_REALM}',
      'MISSING=${NOT_SET}/x',
      'PASSWORD=pa$word',
      'LOOP_A=${LOOP_B}',
      'LOOP_B=${LOOP_A}',
    ].join('\n');
    const facts = dotenvExtractor.extract({ path: 'services/auth/.env', text }).facts;
    const inventory: Inventory = { services: [service('auth', 'services/auth', null, [])], libraries: [] };
    const env = buildEnvironments(facts, inventory).get('auth');
    const value = (name: string): string[] => (env?.get(name) ?? []).map((candidate) => candidate.value);
    expect(value('TOKEN_URL')).toEqual(['http://keycloak:8080/realms/ordering/protocol/openid-connect/token']);
    expect(value('USERS_URL')).toEqual(['http://keycloak:8080/admin/realms/ordering/users']);
    expect(value('MISSING')).toEqual(['/x']);
    expect(value('PASSWORD')).toEqual(['pa$word']);
    // A cycle ends after a few steps instead of looping; what is left is not a URL anyone resolves.
    expect(value('LOOP_A')[0]).not.toContain('http');
  });
});
