// getPaginationItems: offset/count from the query string and the REST API settings.
import type { Settings } from './settings';

export interface Page {
  offset: number;
  /** 0 = everything */
  count: number;
}

export function getPaginationItems(settings: Settings, params: Record<string, unknown>): Page {
  const upperSetting = settings.number('API_Upper_Count_Limit');
  const defaultSetting = settings.number('API_Default_Count');
  const upper = upperSetting <= 0 || !Number.isFinite(upperSetting) ? 100 : upperSetting;
  const defaultCount = defaultSetting <= 0 || !Number.isFinite(defaultSetting) ? 50 : defaultSetting;
  const offsetParsed = params.offset ? parseInt(String(params.offset), 10) : 0;
  let count =
    params.count !== undefined && params.count !== null
      ? parseInt(String(params.count || 0), 10)
      : defaultCount;
  if (Number.isNaN(count)) count = defaultCount;
  if (count > upper) count = upper;
  if (count === 0 && !settings.bool('API_Allow_Infinite_Count')) count = defaultCount;
  // MongoDB semantics for what the real server passes through: a negative limit returns |limit|
  // documents, and a negative or unparsable skip is treated as 0 here instead of failing.
  if (count < 0) count = Math.min(-count, upper);
  const offset = Number.isNaN(offsetParsed) || offsetParsed < 0 ? 0 : offsetParsed;
  return { offset, count };
}

export function paginate<T>(items: readonly T[], page: Page): T[] {
  return page.count === 0 ? items.slice(page.offset) : items.slice(page.offset, page.offset + page.count);
}
