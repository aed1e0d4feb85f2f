import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVersions, isAtLeastLine, parseVersion, queryFieldsSupport } from './version';

describe('versions', () => {
  it('parses the forms servers report', () => {
    expect(parseVersion('8.1.0')).toMatchObject({ major: 8, minor: 1, patch: 0, prerelease: [] });
    expect(parseVersion('7.0.0-rc.1')).toMatchObject({
      major: 7,
      minor: 0,
      patch: 0,
      prerelease: ['rc', '1'],
    });
    expect(parseVersion('v6.3')).toMatchObject({ major: 6, minor: 3, patch: 0 });
    expect(parseVersion('8.1.0+build.5')).toMatchObject({ major: 8, minor: 1, patch: 0 });
    expect(parseVersion('develop')).toBeNull();
  });

  it('orders like semver', () => {
    const sorted = [
      '7.0.0',
      '6.3.0',
      '7.0.0-rc.1',
      '7.0.0-rc.10',
      '7.0.0-rc.2',
      '10.0.0',
      '9.0.0',
      '8.1.0',
      '7.0.0-alpha',
      '7.0.1',
    ].sort(compareVersions);
    expect(sorted).toEqual([
      '6.3.0',
      '7.0.0-alpha',
      '7.0.0-rc.1',
      '7.0.0-rc.2',
      '7.0.0-rc.10',
      '7.0.0',
      '7.0.1',
      '8.1.0',
      '9.0.0',
      '10.0.0',
    ]);
    expect(compareVersions('8.1.0', '8.1.0+x')).toBe(0);
  });

  it('property: compare is antisymmetric and consistent with numeric order of releases', () => {
    const v = fc.tuple(
      fc.nat(20),
      fc.nat(20),
      fc.nat(20),
      fc.option(fc.constantFrom('rc.1', 'rc.2', 'alpha', 'beta.3'), { nil: undefined }),
    );
    fc.assert(
      fc.property(v, v, ([a1, a2, a3, ap], [b1, b2, b3, bp]) => {
        const a = `${a1}.${a2}.${a3}${ap ? `-${ap}` : ''}`;
        const b = `${b1}.${b2}.${b3}${bp ? `-${bp}` : ''}`;
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a));
        const numeric = Math.sign(a1 - b1 || a2 - b2 || a3 - b3);
        if (numeric !== 0) expect(compareVersions(a, b)).toBe(numeric);
      }),
    );
  });

  it('release lines ignore the pre-release tag (a 7.0 RC already behaves like 7.0)', () => {
    expect(isAtLeastLine('7.0.0-rc.1', 7)).toBe(true);
    expect(isAtLeastLine('6.13.2', 7)).toBe(false);
  });
});

describe('queryFieldsSupport', () => {
  it('says what each server line does with query and fields', () => {
    expect(queryFieldsSupport('6.2.0')).toMatchObject({ status: 'applied', deprecated: false });
    expect(queryFieldsSupport('6.5.1')).toMatchObject({ status: 'applied', deprecated: true });
    const eight = queryFieldsSupport('8.1.0');
    expect(eight.status).toBe('ignored-unless-enabled');
    expect(eight.message).toContain(
      'The server ignores "query" and "fields" unless it runs with ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE',
    );
    expect(queryFieldsSupport('7.0.0-rc.1').status).toBe('ignored-unless-enabled');
    expect(queryFieldsSupport('9.0.0').status).toBe('removed');
    expect(queryFieldsSupport(undefined).status).toBe('unknown');
  });
});
