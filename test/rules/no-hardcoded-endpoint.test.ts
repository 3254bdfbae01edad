import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { analyzeFixture, configFile, findingLines, fixtureRoot, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'no-hardcoded-endpoint';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

  it('says where the fixed address is written and whether it is a literal or an env default', async () => {
    const result = await analyzeFixture(RULE, 'invalid-localhost-and-host-port');
    expect(result.findings.filter((finding) => finding.ruleId === RULE).map((finding) => finding.data)).toEqual([
      { from: 'web', to: 'accounts', host: 'localhost:4100', file: 'web/src/accounts.ts', source: 'a literal URL' },
      { from: 'web', to: 'ledger', host: 'ledger:3000', file: 'web/src/ledger.ts', source: 'a literal URL' },
      {
        from: 'web',
        to: 'mailer',
        host: 'mailer:3000',
        file: 'web/src/mailer.ts',
        source: 'the default of an env read outside a config module',
      },
    ]);
  });

  it('reports config-module defaults when allowConfigDefaults is off', async () => {
    const result = await analyze({
      root: fixtureRoot(RULE, 'valid-env-with-config-defaults'),
      configFile: configFile({ rules: { [RULE]: ['warning', { allowConfigDefaults: false }] } }),
    });
    expect(findingLines(result, RULE)).toEqual(['web/src/clients.ts:10']);
  });
});
