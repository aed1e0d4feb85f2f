import type { ResponseRecord } from '../../core/http/types';

/** Slot owned by the auth feature: explains a 401, 403 or 2FA answer in words. */
export function AuthDiagnosis(_props: { response: ResponseRecord }) {
  return null;
}
