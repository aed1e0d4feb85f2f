import { useEffect, useState } from 'react';
import type { BodyText } from '../../core/http/body-text';
import type { ResponseRecord } from '../../core/http/types';
import type { DocSlot, DocSummary } from './model/document';
import { askWorker, nextDocId } from './worker/client';

export type DocState =
  | { status: 'none' }
  | { status: 'parsing'; response: ResponseRecord }
  | { status: 'ready'; response: ResponseRecord; summary: DocSummary }
  | { status: 'failed'; response: ResponseRecord; message: string };

/** Characters per postMessage: copying a 40 MB string in one message blocks the page for ~250 ms. */
const PART_CHARS = 2_000_000;

/** Lets the page handle input and paint between two parts. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Sends the body in parts, one message (and one short task) each, then asks for the parse. The
 * worker stores parts while the page goes on and joins them on its own thread; the page never
 * holds the body as one flat string.
 */
async function sendBody(
  docId: number,
  body: BodyText,
  contentType: string,
  slot: DocSlot,
  live: () => boolean,
) {
  const sent: Array<Promise<unknown>> = [];
  let previous: string | null = null;
  for (const piece of body.pieces(PART_CHARS)) {
    if (previous !== null) {
      sent.push(askWorker({ op: 'append', docId, text: previous, slot }));
      await yieldToPage();
      if (!live()) throw new Error('replaced by a newer response');
    }
    previous = piece;
  }
  const loaded = askWorker({ op: 'load', docId, text: previous ?? '', contentType, slot });
  await Promise.all(sent);
  return loaded;
}

/**
 * Hands a response body to the parsing worker and returns its summary. The page keeps showing the
 * previous document until the next one is parsed (no flash of an empty viewer while paging).
 */
export function useResponseDoc(response: ResponseRecord | undefined, slot: DocSlot = 'response'): DocState {
  const [state, setState] = useState<DocState>({ status: 'none' });
  useEffect(() => {
    if (!response) return;
    let live = true;
    const docId = nextDocId();
    sendBody(docId, response.body, response.contentType, slot, () => live)
      .then((answer) => {
        if (!live) return;
        if (answer.op === 'load') setState({ status: 'ready', response, summary: answer.summary });
      })
      .catch((error: unknown) => {
        if (!live) return;
        setState({
          status: 'failed',
          response,
          message: `The body could not be prepared for viewing (${error instanceof Error ? error.message : String(error)}). The Raw tab still shows it as received.`,
        });
      });
    return () => {
      live = false;
    };
  }, [response, slot]);
  if (response && state.status !== 'none' && state.response !== response && state.status !== 'ready') {
    return { status: 'parsing', response };
  }
  return state;
}

/**
 * A contiguous block of rows fetched from the worker around the visible range. One block is
 * enough: the virtualizer asks for the window on screen plus overscan.
 */
export function useRowBlock<T>(
  key: string,
  fetchRows: (start: number, end: number) => Promise<T[] | null>,
  first: number,
  last: number,
  margin = 60,
): (index: number) => T | undefined {
  const [block, setBlock] = useState<{ key: string; start: number; rows: T[] } | null>(null);
  const covered =
    block !== null && block.key === key && first >= block.start && last < block.start + block.rows.length;
  useEffect(() => {
    if (covered || last < first) return;
    let live = true;
    const start = Math.max(0, first - margin);
    void fetchRows(start, last + 1 + margin).then((rows) => {
      if (live && rows) setBlock({ key, start, rows });
    });
    return () => {
      live = false;
    };
  }, [key, first, last, covered, fetchRows, margin]);
  // A block for an older key (before a toggle, or the previous page) stays on screen until the new
  // one arrives a few milliseconds later: better than a flash of empty rows.
  return (index: number) => (block ? block.rows[index - block.start] : undefined);
}
