import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { BodyText } from '../../core/http/body-text';
import type { ResponseRecord } from '../../core/http/types';
import type { DocSummary } from './model/document';
import { RAW_ROW_WIDTH, SMALL_TEXT, rawRowText } from './model/raw';

const ROW_HEIGHT = 18;

interface RawRows {
  count: number;
  text(index: number): string;
}

/**
 * Display rows of a large text. With the worker's row index when it has arrived; before that, a
 * text without line breaks (minified JSON, the usual large answer) needs no index at all: row i is
 * characters i*width to (i+1)*width, so the first rows show as soon as the last byte is in.
 */
function useRawRows(text: BodyText, starts: Int32Array | null, waitingForIndex: boolean): RawRows | null {
  const singleLine = useMemo(
    () => waitingForIndex && text.length > SMALL_TEXT && !text.includesChar('\n'),
    [text, waitingForIndex],
  );
  return useMemo(() => {
    if (starts) return { count: starts.length, text: (i: number) => rawRowText(text, starts, i) };
    if (singleLine) {
      return {
        count: Math.ceil(text.length / RAW_ROW_WIDTH),
        text: (i: number) => text.slice(i * RAW_ROW_WIDTH, (i + 1) * RAW_ROW_WIDTH),
      };
    }
    return null;
  }, [text, starts, singleLine]);
}

/**
 * The body as received (JSON pretty-printed when that is cheap). Large texts are drawn as
 * virtualized display rows: one `<pre>` of 40 MB would freeze the page on layout.
 */
export function RawView({ response, summary }: { response: ResponseRecord; summary: DocSummary | null }) {
  const prettyText = summary?.raw.text ?? null;
  // The body stays in parts: joining 40 MB here would be one long task (core/http/body-text.ts).
  const text = useMemo(
    () => (prettyText !== null ? BodyText.of(prettyText) : response.body),
    [prettyText, response.body],
  );
  const rows = useRawRows(text, summary?.raw.starts ?? null, summary === null);
  return (
    <>
      {summary?.raw.pretty ? (
        <p className="muted hint">JSON pretty-printed for reading; the bytes received are unchanged.</p>
      ) : null}
      {response.truncated ? (
        <p role="alert" className="alert warn">
          The body was larger than the explorer keeps in memory and was cut; the size shown counts every byte
          received. Ask for fewer items (count, or Fetch all pages) to see all of it.
        </p>
      ) : null}
      {rows ? (
        <VirtualRaw rows={rows} />
      ) : summary === null && text.length > SMALL_TEXT ? (
        // Drawing a large text whole would freeze the page; its row index is on its way from the worker.
        <p className="muted">Preparing {text.length.toLocaleString('en')} characters for display…</p>
      ) : (
        <pre className="raw-body" tabIndex={0}>
          {text.length === 0 ? <span className="muted">(empty body)</span> : text.text()}
        </pre>
      )}
    </>
  );
}

function VirtualRaw({ rows }: { rows: RawRows }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler; the virtualizer re-renders its host as designed.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 30,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  return (
    <div ref={scrollRef} className="raw-body raw-virtual" tabIndex={0} role="document" aria-label="Raw body">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => (
          // Keyed by slot: a far jump reuses DOM rows instead of replacing them all.
          <div
            key={item.index - first}
            className="raw-row"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            {rows.text(item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
