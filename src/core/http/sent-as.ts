import { maskSecret } from '../redact/mask';

/**
 * A short description of who a run was sent as, for the response's header line. Apart from run.ts
 * so the response pane's shell does not bring the run builder into the first load (issue 14).
 */
export function sentAs(run: { userId: string | null; username?: string | null }): string {
  if (run.userId === null) return 'without credentials';
  // The name when known (as the Request pane says it), else the masked user ID.
  return run.username ? `as ${run.username}` : `as user ${maskSecret(run.userId)}`;
}
