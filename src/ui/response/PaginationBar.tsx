import { useId } from 'react';
import { pageInfo, pageNavigation, type PageNumbers } from '../../core/pagination/arithmetic';
import type { Run } from '../../core/http/run';
import { resend } from '../runner/send';
import { PAGE_SIZES, pagingOf } from './paging';

/**
 * First/Previous/Next/Last and the page size for a list response. Paging sends the run on screen
 * again with another offset/count (the draft being edited is left alone); the old page stays on
 * screen while the next one loads.
 */
export function PaginationBar({ run, page, busy }: { run: Run; page: PageNumbers; busy: boolean }) {
  const sizeId = useId();
  const { clamp, pageSize } = pagingOf(run.draft, page);
  const info = pageInfo(page, pageSize);
  const nav = pageNavigation(page.offset, pageSize, page.total);
  const go = (offset: number | null, size = pageSize) => {
    if (offset === null) return;
    resend(run, { params: { offset: String(offset), count: String(size) } }, 'page');
  };
  const sizes = [...new Set<number>([...PAGE_SIZES, ...(pageSize > 0 ? [pageSize] : [])])].sort(
    (a, b) => a - b,
  );
  return (
    // Short visible words ("Next") with " page" for screen readers: the bar fits one line at 1280 px.
    <div className="pagination">
      <nav className="pagination-bar" aria-label="Pages">
        <button type="button" onClick={() => go(nav.first)} disabled={busy || nav.first === null}>
          First
          <span className="sr-only"> page</span>
        </button>
        <button type="button" onClick={() => go(nav.previous)} disabled={busy || nav.previous === null}>
          Previous
          <span className="sr-only"> page</span>
        </button>
        <span className="showing">{info.text}</span>
        <span className="muted page-of">
          {pageSize > 0 ? `page ${info.page} of ${info.pageCount}` : 'all items in one page'}
        </span>
        <button type="button" onClick={() => go(nav.next)} disabled={busy || nav.next === null}>
          Next
          <span className="sr-only"> page</span>
        </button>
        <button type="button" onClick={() => go(nav.last)} disabled={busy || nav.last === null}>
          Last
          <span className="sr-only"> page</span>
        </button>
        {/* Label and select wrap together when the pane is narrow, never apart. */}
        <span className="page-size">
          <label htmlFor={sizeId}>Page size</label>
          <select
            id={sizeId}
            value={pageSize > 0 ? String(pageSize) : ''}
            disabled={busy}
            onChange={(event) => {
              const size = Number(event.target.value);
              // Keep the first item on screen: the new page starts at the page holding it.
              go(Math.floor(page.offset / size) * size, size);
            }}
          >
            {pageSize > 0 ? null : <option value="">all</option>}
            {sizes.map((size) => (
              <option key={size} value={String(size)}>
                {size}
              </option>
            ))}
          </select>
        </span>
      </nav>
      {clamp.kind !== 'none' ? (
        <p role="status" className="alert warn">
          {clamp.message}
        </p>
      ) : null}
    </div>
  );
}
