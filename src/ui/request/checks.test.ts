import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../core/request/draft';
import * as editor from '../editor/checks';
import { budgetReason, requestChecks, sendDecision } from './checks';

const SERVER = 'http://127.0.0.1:4100';

describe('requestChecks', () => {
  it('holds back a refused query operator, naming the editor', () => {
    const draft = emptyDraft(SERVER, 'GET', '/api/v1/users.list');
    draft.jsonParams.query = '{"$where": "1"}';
    const checks = requestChecks({
      draft,
      operation: undefined,
      validation: undefined,
      editor,
      unparsedFields: {},
    });
    expect(checks.blockers).toHaveLength(1);
    expect(checks.blockers[0]).toMatch(/^query: .*\$where/);
  });
  it('reports a Body that does not parse once, by its syntax', () => {
    const draft = { ...emptyDraft(SERVER, 'POST', '/api/v1/chat.postMessage'), body: '{"a": ' };
    const checks = requestChecks({
      draft,
      operation: undefined,
      validation: undefined,
      editor,
      unparsedFields: {},
    });
    expect(checks.blockers).toHaveLength(1);
    expect(checks.blockers[0]).toMatch(/^Body: /);
  });
  it('holds back a body field whose text does not parse yet', () => {
    const draft = emptyDraft(SERVER, 'POST', '/api/v1/chat.postMessage');
    const unparsedFields = { attachments: { text: '[{', message: 'attachments: not valid JSON' } };
    const checks = requestChecks({
      draft,
      operation: undefined,
      validation: undefined,
      editor,
      unparsedFields,
    });
    expect(checks.blockers).toEqual(['attachments: not valid JSON']);
  });
  it('knows when there is no server', () => {
    const checks = requestChecks({
      draft: emptyDraft(' '),
      operation: undefined,
      validation: undefined,
      editor,
      unparsedFields: {},
    });
    expect(checks.noServer).toBe(true);
  });
});

describe('sendDecision: the one decision of every trigger', () => {
  const clean = { noServer: false, blockers: [] };
  it('allows a clean request, holds back one with problems unless overridden', () => {
    expect(sendDecision(clean, null, false)).toEqual({ allowed: true, reasons: [], overridable: true });
    const held = sendDecision({ noServer: false, blockers: ['query: x'] }, null, false);
    expect(held).toEqual({ allowed: false, reasons: ['query: x'], overridable: true });
    expect(sendDecision({ noServer: false, blockers: ['query: x'] }, null, true).allowed).toBe(true);
  });
  it('never sends without a server, not even "anyway"', () => {
    const decision = sendDecision({ noServer: true, blockers: [] }, null, true);
    expect(decision.allowed).toBe(false);
    expect(decision.overridable).toBe(false);
  });
  it('warns before spending a call the gauge says is not there, with the reset countdown', () => {
    const empty = { remaining: 0, resetInSeconds: 42, bypass: false };
    const decision = sendDecision(clean, empty, false);
    expect(decision.allowed).toBe(false);
    expect(decision.reasons[0]).toContain('resets in about 42 s');
    expect(sendDecision(clean, empty, true).allowed).toBe(true);
    expect(budgetReason({ ...empty, bypass: true })).toBeNull();
    expect(budgetReason({ ...empty, resetInSeconds: 0 })).toBeNull();
    expect(budgetReason({ remaining: 3, resetInSeconds: 42, bypass: false })).toBeNull();
  });
});
