import type { PageNumbers } from '../../core/pagination/arithmetic';
import { detectClamp, type ClampVerdict } from '../../core/pagination/arithmetic';
import type { RequestDraft } from '../../core/request/draft';

/** Rocket.Chat's Default Count (API_Default_Count) when the request sent no `count`. */
export const SERVER_DEFAULT_COUNT = 50;

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** The `count` a request asked for: a whole number >= 0, or undefined when absent or not a number. */
export function requestedCount(draft: Pick<RequestDraft, 'params'>): number | undefined {
  const text = draft.params.count?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/**
 * The page size to navigate with: what the server actually used. A clamped count pages by the
 * server's Max Record Amount; no count means the server's Default Count; count=0 that returned
 * everything is a single page (0).
 */
export function effectivePageSize(
  requested: number | undefined,
  page: PageNumbers,
  clamp: ClampVerdict,
): number {
  if (clamp.kind === 'clamped') return clamp.serverMax;
  if (clamp.kind === 'count-zero-refused') return clamp.serverDefault;
  if (requested !== undefined) return requested;
  const moreExist = page.offset + page.count < page.total;
  return moreExist && page.count > 0 ? page.count : SERVER_DEFAULT_COUNT;
}

export function pagingOf(draft: Pick<RequestDraft, 'params'>, page: PageNumbers) {
  const requested = requestedCount(draft);
  const clamp = detectClamp(requested, page);
  return { requested, clamp, pageSize: effectivePageSize(requested, page, clamp) };
}
