import { useId } from 'react';
import { pageInfo, pageNavigation, type PageNumbers } from '../../core/pagination/arithmetic';
import type { Run } from '../../core/http/run';
import { resend } from '../runner';
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
    // Arrows with " page" names for screen readers (and as tooltips), the size as "50 / page": the
    // bar fits one line in the Response pane at 1280 px.
    <div className="pagination">
      <nav className="pagination-bar" aria-label="Pages">
        <PageButton
          label="First page"
          glyph="«"
          onClick={() => go(nav.first)}
          disabled={busy || nav.first === null}
        />
        <PageButton
          label="Previous page"
          glyph="‹"
          onClick={() => go(nav.previous)}
          disabled={busy || nav.previous === null}
        />
        {/* "1–50 of 2000" as mail clients show it; "Showing" is said to screen readers only. */}
        <span className="showing">
          <span className="sr-only">Showing </span>
          {info.text.replace(/^Showing /, '')}
        </span>
        <span className="muted page-of">
          {pageSize > 0 ? `page ${info.page} of ${info.pageCount}` : 'all items in one page'}
        </span>
        <PageButton
          label="Next page"
          glyph="›"
          onClick={() => go(nav.next)}
          disabled={busy || nav.next === null}
        />
        <PageButton
          label="Last page"
          glyph="»"
          onClick={() => go(nav.last)}
          disabled={busy || nav.last === null}
        />
        <span className="page-size">
          <label htmlFor={sizeId} className="sr-only">
            Page size
          </label>
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
                {size} / page
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

function PageButton(props: { label: string; glyph: string; disabled: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      className="page-step"
      title={props.label}
      onClick={props.onClick}
      disabled={props.disabled}
    >
      <span aria-hidden="true">{props.glyph}</span>
      <span className="sr-only">{props.label}</span>
    </button>
  );
}
