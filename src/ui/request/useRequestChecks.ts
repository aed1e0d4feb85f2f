import { useMemo } from 'react';
import { formFields } from '../../core/catalog/group';
import { nextResetAt } from '../../core/rate-limit/model';
import { useSelectedOperation, useValidation } from '../catalog';
import { useRateLimitWindow, useNow } from '../ratelimit';
import { useExplorerStore } from '../state';
import { useSettled } from '../lib/useSettled';
import { editorChecks } from './editor-checks';
import { budgetFact, requestChecks, type BudgetFact, type CheckInput, type RequestChecks } from './checks';
import { trimServerUrl } from '../../core/http/server-url';

let last: { input: CheckInput; checks: RequestChecks } | null = null;

/** The form, the editors and the send bar render the same checks: computed once per input. */
function sharedChecks(input: CheckInput): RequestChecks {
  if (
    last &&
    last.input.draft === input.draft &&
    last.input.operation === input.operation &&
    last.input.validation === input.validation &&
    last.input.editor === input.editor &&
    last.input.unparsedFields === input.unparsedFields
  )
    return last.checks;
  const checks = requestChecks(input);
  last = { input, checks };
  return checks;
}

/**
 * The checks of the draft being edited, for display. Large texts are checked when typing pauses;
 * a send action checks the live draft at the moment it is made (runner/send.ts).
 */
export function useRequestChecks(): RequestChecks {
  const live = useExplorerStore((state) => state.draft);
  const unparsedFields = useExplorerStore((state) => state.unparsedFields);
  const { query, fields, sort } = live.jsonParams;
  const draft = useSettled(live, live.body.length + query.length + fields.length + sort.length);
  const operation = useSelectedOperation(draft.operationLabel);
  // Only operations that take something need the (large) validation module.
  const takesParams = useMemo(() => (operation ? formFields(operation).length > 0 : false), [operation]);
  const validation = useValidation(takesParams);
  const editor = editorChecks.useModule(true);
  return sharedChecks({ draft, operation, validation, editor, unparsedFields });
}

/** The route's budget as the gauge shows it, ticking while a reset is ahead. */
export function useBudget(serverUrl: string, method: string, path: string): BudgetFact {
  const server = trimServerUrl(serverUrl);
  const window = useRateLimitWindow({ server, method, path });
  const bypass = useExplorerStore((state) => state.auth[server]?.bypassesRateLimit === true);
  const now = useNow(nextResetAt(window) !== null);
  return budgetFact(window, now, bypass);
}
