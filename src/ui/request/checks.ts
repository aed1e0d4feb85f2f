/**
 * Whether a request may be sent, derived from what the person typed: never pushed into the store
 * by whichever components happen to be mounted. The Send button, Ctrl/Cmd+Enter, paging, resend
 * and the 2FA retry all ask {@link sendDecision}, so they cannot disagree.
 */
import type { Operation } from '../../core/catalog/types';
import { effectiveRemaining, secondsUntilReset, type RateLimitWindow } from '../../core/rate-limit/model';
import type { RequestDraft } from '../../core/request/draft';
import type * as Validation from '../../core/validation/validate';
import type { Problem } from '../../core/validation/validate';
import {
  type EditorChecksModule,
  type FieldReport,
  type JsonParamName,
  editorPlan,
  takesBody,
} from '../editor';
import type { UnparsedField } from '../state';

export type ValidationModule = typeof Validation;

export interface CheckInput {
  draft: RequestDraft;
  operation: Operation | undefined;
  /** The (lazily loaded) validation module; checks of the schema wait for it. */
  validation: ValidationModule | undefined;
  /** The (lazily loaded) query/fields/sort and Body checks; those checks wait for it. */
  editor: EditorChecksModule | undefined;
  unparsedFields: Record<string, UnparsedField>;
}

export interface RequestChecks {
  noServer: boolean;
  /** Findings of the operation's parameter schema, all severities, by field. */
  paramProblems: Problem[];
  /** query/fields/sort checked with the server's rules. */
  editorReports: Array<{ name: JsonParamName; report: FieldReport }>;
  /** The Body's JSON syntax; null for methods without a body. */
  bodyReport: FieldReport | null;
  /** Reasons Send is held back; "Send anyway" may override them. */
  blockers: string[];
}

/** What the rate-limit gauge knows of the route, as of the moment of asking. */
export interface BudgetFact {
  remaining: number | null;
  resetInSeconds: number | null;
  bypass: boolean;
}

export interface SendDecision {
  allowed: boolean;
  reasons: string[];
  /** False when nothing can be sent at all (no server): no "Send anyway". */
  overridable: boolean;
}

/** The request's parameters as the server will see them: query-string values, or the parsed body. */
function schemaProblems(
  { validateRequest, validateBodyText }: ValidationModule,
  op: Operation,
  draft: RequestDraft,
): Problem[] {
  if (op.paramsIn === 'query') {
    const params: Record<string, string> = { ...draft.params };
    for (const name of ['query', 'fields', 'sort'] as const) {
      const text = draft.jsonParams[name].trim();
      if (text !== '') params[name] = text;
    }
    return validateRequest(op, { pathParams: draft.pathParams, params }).problems;
  }
  return validateBodyText(op, draft.body, draft.pathParams).problems;
}

export function requestChecks({
  draft,
  operation,
  validation,
  editor,
  unparsedFields,
}: CheckInput): RequestChecks {
  const plan = editorPlan(draft.method, draft.path, operation);
  const editorReports = editor
    ? plan.jsonParams.map((name) => ({
        name,
        report: editor.reportParam(name, draft.jsonParams[name], draft.path),
      }))
    : [];
  const bodyReport = editor && takesBody(draft.method) ? editor.reportBody(draft.body) : null;
  // A Body that does not parse is reported once, by its syntax; its schema cannot be checked.
  const bodyUnparsable = operation?.paramsIn !== 'query' && (bodyReport?.errors.length ?? 0) > 0;
  const paramProblems =
    operation && validation && !bodyUnparsable ? schemaProblems(validation, operation, draft) : [];
  const blockers = [
    ...Object.values(unparsedFields).map((field) => field.message),
    ...paramProblems.filter((p) => p.severity === 'error').map((p) => p.message),
    ...(editor?.blockerMessages([
      ...editorReports.map(({ name, report }) => ({ label: name, report })),
      ...(bodyReport ? [{ label: 'Body', report: bodyReport }] : []),
    ]) ?? []),
  ];
  return {
    noServer: draft.serverUrl.trim() === '',
    paramProblems,
    editorReports,
    bodyReport,
    blockers: [...new Set(blockers)],
  };
}

/** What the gauge knows of a route's budget as of `now`: the one computation for display and sends. */
export function budgetFact(window: RateLimitWindow, now: number, bypass: boolean): BudgetFact {
  return {
    remaining: effectiveRemaining(window, now),
    resetInSeconds: secondsUntilReset(window, now),
    bypass,
  };
}

/** The budget reason, when the gauge shows no calls left on this route until a reset still ahead. */
export function budgetReason(budget: BudgetFact | null): string | null {
  if (!budget || budget.bypass || budget.remaining !== 0) return null;
  const wait = budget.resetInSeconds;
  if (wait === null || wait <= 0) return null;
  return `The rate-limit gauge shows 0 calls left on this route; the limit resets in about ${wait} s. Sending now will most likely be refused with 429.`;
}

/** The one decision every trigger obeys. `override` is "Send anyway". */
export function sendDecision(
  checks: Pick<RequestChecks, 'noServer' | 'blockers'>,
  budget: BudgetFact | null,
  override: boolean,
): SendDecision {
  if (checks.noServer)
    return {
      allowed: false,
      reasons: ['Enter the server URL in the Server field first.'],
      overridable: false,
    };
  const budgetText = budgetReason(budget);
  const reasons = budgetText ? [...checks.blockers, budgetText] : checks.blockers;
  return { allowed: override || reasons.length === 0, reasons, overridable: true };
}
