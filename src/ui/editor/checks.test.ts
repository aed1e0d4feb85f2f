import { describe, expect, it } from 'vitest';
import { blockerMessages, completionOperators, reportBody, reportParam, withSchemaMarkers } from './checks';

describe('editor reports from the core rules', () => {
  it('a syntax error becomes one error with line and column, and no marker of ours (Monaco marks it)', () => {
    const report = reportParam(
      'query',
      '{\n  "username": "admin"\n  "active": true\n}',
      '/api/v1/users.list',
    );
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatch(/^Line 3, column 3: /);
    expect(report.markers).toEqual([]);
  });
  it('a refused operator is an error with its position, and a marker', () => {
    const report = reportParam('query', '{"$where": "1"}', '/api/v1/users.list');
    expect(report.errors[0]).toMatch(/^Line 1, column 2: .*\$where/);
    expect(report.markers[0]).toMatchObject({ severity: 'error', line: 1, column: 2 });
  });
  it('sort values other than 1/-1 and fields values other than 0/1 are errors', () => {
    expect(reportParam('sort', '{"name": 2}', '/x').errors[0]).toMatch(/1 \(ascending\) or -1/);
    expect(reportParam('fields', '{"name": true}', '/x').errors[0]).toMatch(/1 \(include\) or 0/);
  });
  it('empty text is fine (the parameter is not sent); warnings are notes, not blockers', () => {
    expect(reportParam('query', '  ', '/x')).toEqual({ errors: [], notes: [], markers: [] });
    const stripped = reportParam('fields', '{"emails": 1}', '/api/v1/users.list');
    expect(stripped.errors).toEqual([]);
    expect(stripped.notes[0]).toMatch(/strips "emails"/);
  });
  it('Body: syntax only', () => {
    expect(reportBody('{"a": 1,}').errors[0]).toMatch(/^Line 1, column 9: /);
    expect(reportBody('{"a": 1}').errors).toEqual([]);
  });
  it('blockers name their editor', () => {
    expect(
      blockerMessages([{ label: 'sort', report: { errors: ['x'], notes: ['n'], markers: [] } }]),
    ).toEqual(['sort: x']);
  });
  it('offers every MongoDB query operator, only $or, $and, $regex (and $options with it) allowed', () => {
    const ops = completionOperators();
    expect(ops.find((o) => o.name === '$regex')).toMatchObject({ allowed: true, level: 'field' });
    expect(ops.find((o) => o.name === '$or')).toMatchObject({ allowed: true, level: 'top' });
    expect(ops.find((o) => o.name === '$where')).toMatchObject({ allowed: false, level: 'top' });
    expect(ops.find((o) => o.name === '$gt')).toMatchObject({ allowed: false, level: 'field' });
    expect(
      ops
        .filter((o) => o.allowed)
        .map((o) => o.name)
        .sort(),
    ).toEqual(['$and', '$options', '$or', '$regex']);
  });
});

describe('withSchemaMarkers (Body schema findings from Monaco)', () => {
  const marker = {
    message: 'Incorrect type. Expected "string"',
    severity: 'error' as const,
    line: 2,
    column: 11,
    endLine: 2,
    endColumn: 12,
  };
  it('notes the findings with line and column, never as Send blockers (the request checks validate the Body)', () => {
    const report = withSchemaMarkers({ errors: [], notes: [], markers: [] }, [marker]);
    expect(report.errors).toEqual([]);
    expect(report.notes).toEqual(['Line 2, column 11: Incorrect type. Expected "string". (schema)']);
  });
  it('adds nothing while the syntax is broken (that error is already there)', () => {
    const broken = { errors: ['Line 1, column 9: a comma...'], notes: [], markers: [] };
    expect(withSchemaMarkers(broken, [marker])).toBe(broken);
  });
});
