// Issue #5: reports never echo secrets or terminal escapes, and the functions that clean repo text are linear-time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanSnippet } from '../../src/extract/shared/lines.js';
import { sanitize } from '../../src/report/sanitize.js';
import { stripEscapeSequences } from '../../src/shared/escapes.js';
import { redactSecrets } from '../../src/shared/redact.js';

describe('redactSecrets', () => {
  it.each([
    ['postgres://app:hunter2@db:5432/x', 'postgres://app:***@db:5432/x'],
    ['amqp://guest:guest@rabbit', 'amqp://guest:***@rabbit'],
    ['see https://u:p@h/a and redis://:s3cret@cache:6379', 'see https://u:***@h/a and redis://:***@cache:6379'],
    ['http://user@host/no-password', 'http://user@host/no-password'],
    ['http://host:8080/path@not-userinfo', 'http://host:8080/path@not-userinfo'],
    ['DB_PASSWORD=hunter2', 'DB_PASSWORD=***'],
    ['  apiKey: "abc123",', '  apiKey: "***",'],
    ["const token = 'xyz';", "const token = '***';"],
    ['https://h/cb?access_token=abc&x=1', 'https://h/cb?access_token=***&x=1'],
    ['POSTGRES_PASSWORD: ${DB_PASSWORD}', 'POSTGRES_PASSWORD: ${DB_PASSWORD}'],
    ['password: process.env.DB_PASSWORD', 'password: process.env.DB_PASSWORD'],
    ['secretKeyRef:', 'secretKeyRef:'],
    ['fetch(`${base}/orders`)', 'fetch(`${base}/orders`)'],
    // Generated passwords with an unencoded `/`, `?`, `#` or `@`: masked to the last `@`.
    ['postgres://app:abc/Def9@db:5432/shop', 'postgres://app:***@db:5432/shop'],
    ['postgres://t:S3cr@t#Pw@db:5432/x', 'postgres://t:***@db:5432/x'],
    ['DATABASE_URL="mysql://root:p?w=1@mysql:3306/app"', 'DATABASE_URL="mysql://root:***@mysql:3306/app"'],
    ['http://host:8080/p?email=a@b.com', 'http://host:8080/p?email=a@b.com'],
  ])('%j → %j', (input, output) => {
    expect(redactSecrets(input)).toBe(output);
  });

  it('never lets a planted password through, wherever it sits in random text', () => {
    // A value that is only `$NAME` is an env reference and deliberately kept, so a planted secret starts otherwise.
    const secret = fc
      .string({ minLength: 6, maxLength: 20, unit: fc.constantFrom('a', 'Q', '7', '_', '-', '.', '~', '!', '$') })
      .map((s) => `Q${s}`);
    const noise = fc.string({ maxLength: 60 });
    const planted = fc.oneof(
      secret.map((s) => ({ s, text: `postgres://user:${s}@db:5432/app` })),
      secret.map((s) => ({ s, text: `mongodb+srv://admin:${s}@cluster0.example.net/?retryWrites=true` })),
      secret.map((s) => ({ s, text: `DB_PASSWORD=${s}` })),
      secret.map((s) => ({ s, text: `"clientSecret": "${s}"` })),
      // A generated password with URL delimiters left unencoded.
      secret.chain((s) => fc.constantFrom('/', '?', '#', '@', '/x@').map((cut) => ({ s: `${s}${cut}Z9`, text: `postgres://app:${s}${cut}Z9@db:5432/shop` }))),
    );
    fc.assert(
      fc.property(noise, planted, noise, (before, { s, text }, after) => {
        // Noise may itself end in a key-like word; a space keeps the planted text a token of its own.
        expect(redactSecrets(`${before} ${text} ${after}`)).not.toContain(s);
        expect(sanitize(`${before} ${text} ${after}`)).not.toContain(s);
      }),
      { numRuns: 400 },
    );
  });
});

describe('terminal safety', () => {
  it('leaves no escape introducer in sanitized or snippet text, whatever the input', () => {
    const hostile = fc.array(
      fc.oneof(fc.constantFrom('\u001b', '\u001b[', '\u001b]', '\u0007', '\u009b', '\u009d', '\u009c', '31m', '0;title', '\r\n', '\u202e'), fc.string({ maxLength: 5 })),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(hostile, (parts) => {
        const text = parts.join('');
        // eslint-disable-next-line no-control-regex
        expect(sanitize(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
        // eslint-disable-next-line no-control-regex
        expect(cleanSnippet(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }),
      { numRuns: 400 },
    );
  });

  it('drops whole sequences, not just ESC', () => {
    expect(stripEscapeSequences('a\u001b]0;pwned\u0007b\u001b[2Jc\u001b[31md\u009b1me')).toBe('abcde');
    expect(cleanSnippet('fetch(x) // \u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\')).toBe('fetch(x) // link');
  });
});

describe('linear time on adversarial input (ReDoS guards)', () => {
  const N = 200_000;
  it.each([
    ['password words', 'password'.repeat(N / 8)],
    ['password= quotes', 'password="'.repeat(N / 10)],
    ['token: spaces', `token:${' '.repeat(N)}`],
    ['scheme markers', '://'.repeat(N / 3)],
    ['userinfo without @', `http://a:${'b'.repeat(N)}`],
    ['nested schemes', 'a://b:c'.repeat(N / 7)],
    ['unclosed OSC', '\u001b]'.repeat(N / 2)],
    ['C1 OSC introducers', '\u009d'.repeat(N)],
    ['CSI parameters', `\u001b[${'1;'.repeat(N / 2)}`],
    ['line breaks', '\r\n'.repeat(N / 2)],
  ])('%s', (_name, text) => {
    const started = performance.now();
    redactSecrets(text);
    sanitize(text);
    stripEscapeSequences(text);
    cleanSnippet(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
