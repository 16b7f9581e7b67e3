import { settings, SettingsError } from '../../../../subgraphs/kit/protocol/settings';
import { parseYamlConfig } from '../../../../subgraphs/kit/protocol/yaml-file';
import { z } from 'zod';

describe('environment variables are validated in one place, naming the variable and the rule', () => {
  const messageOf = (env: Record<string, string>) => {
    try {
      settings(env);
      return '';
    } catch (e) {
      expect(e).toBeInstanceOf(SettingsError);
      return (e as Error).message;
    }
  };

  test('defaults when nothing is set', () => {
    const s = settings({});
    expect(s).toMatchObject({ PORT: 4000, MAX_QUERY_DEPTH: 12, DATABASE_POOL_SIZE: 10, CREDIT_TZ: 'Asia/Shanghai', AUTHORIZATION_MODE: 'filter' });
  });

  test('a number that is not one', () => {
    expect(messageOf({ MAX_QUERY_DEPTH: 'abc' })).toBe('environment variable MAX_QUERY_DEPTH: must be a whole number ≥ 1 (got "abc")');
    expect(messageOf({ DATABASE_POOL_SIZE: '0' })).toBe('environment variable DATABASE_POOL_SIZE: must be a whole number ≥ 1 (got "0")');
  });

  test('every bad variable at once, per-subgraph ones included', () => {
    const lines = messageOf({ AUTHORIZATION_MODE: 'lenient', LISTS_URL: 'ftp://x', CREDIT_TZ: 'Mars/Olympus', DATABASE_URL: 'postgres://db' }).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^environment variable AUTHORIZATION_MODE: .*"filter".*\(got "lenient"\)$/),
      'environment variable LISTS_URL: must be a http: or https: URL (got "ftp://x")',
      'environment variable CREDIT_TZ: must be an IANA time zone such as Asia/Shanghai (got "Mars/Olympus")',
      'environment variable DATABASE_URL: must be a mysql: URL (got "postgres://db")',
    ]));
  });

  test('an OTLP endpoint must be an http(s) URL (a typo would otherwise drop every span silently)', () => {
    expect(messageOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' })).toBe('environment variable OTEL_EXPORTER_OTLP_ENDPOINT: must be a http: or https: URL (got "otel-collector:4318")');
    expect(messageOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://otel-collector:4318/v1/traces' })).toBe('');
  });

  test('a pinned calendar day is refused in production', () => {
    expect(messageOf({ NODE_ENV: 'production', CREDIT_TODAY: '2026-01-01' })).toMatch(/^environment variable CREDIT_TODAY: .*never in production/);
  });
});

test('a data file reports every schema problem with its line and key', () => {
  const schema = z.object({ periods: z.array(z.object({ years: z.number().int().positive() })) });
  const text = 'periods:\n  - years: 2\n  - years: -1\n  - years: x\n';
  expect(() => parseYamlConfig(text, 'p.yaml', schema)).toThrow(/^p\.yaml:3: periods\[1\]\.years: .*\np\.yaml:4: periods\[2\]\.years: .*$/);
});
