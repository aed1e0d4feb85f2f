import { maskSecret } from '../redact/mask';

/**
 * A short description of who a run was sent as, for the response's header line. Apart from run.ts
 * so the response pane's shell does not bring the run builder into the first load (issue 14).
 */
export function sentAs(run: { userId: string | null }): string {
  return run.userId === null ? 'without credentials' : `as user ${maskSecret(run.userId)}`;
}
