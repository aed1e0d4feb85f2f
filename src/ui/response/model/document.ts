/**
 * One response body as the parsing worker holds it, and the request/answer protocol between the
 * page and the worker. Pure: the worker file only wires `handleRequest` to `onmessage`, so the whole
 * protocol is unit-tested without a worker.
 */
import { readPageNumbers, findListField } from '../../../core/pagination/envelope';
import type { PageNumbers } from '../../../core/pagination/arithmetic';
import {
  TreeModel,
  copyText,
  formatPath,
  valueAt,
  valueKind,
  type SearchResult,
  type TreeRow,
  type ValueKind,
} from './json-tree';
import { PRETTY_LIMIT, SMALL_TEXT, rawRowStarts } from './raw';
import {
  defaultColumns,
  discoverColumns,
  sortedOrder,
  tableRows,
  tableSource,
  type ColumnInfo,
  type TableRow,
  type TableSort,
  type TableSource,
} from './table';

export type BodyKind = 'json' | 'text' | 'empty';

export interface TableSummary {
  /** `users`, or '' for a root array. */
  path: string;
  rowCount: number;
  columns: ColumnInfo[];
  defaults: string[];
}

export interface RawSummary {
  /** The text to show when it is not the body as received (pretty-printed JSON), else null. */
  text: string | null;
  pretty: boolean;
  /** Display-row starts for large texts (virtualized), null for small ones (drawn whole). */
  starts: Int32Array | null;
}

export interface DocSummary {
  docId: number;
  kind: BodyKind;
  /** The body is an HTML page (an error page from a proxy or a web server, usually). */
  html: boolean;
  /** Why a body that looked like JSON did not parse, with the position. */
  parseError: string | null;
  /** The Content-Type said JSON. */
  declaredJson: boolean;
  rootKind: ValueKind | null;
  listField: string | null;
  /** Offset, count and total when the envelope has all three as numbers and a list field. */
  page: PageNumbers | null;
  /**
   * The same read leniently (count from the list length, total from offset + count when missing),
   * for operations the catalog marks as paginated whose envelope omits a number.
   */
  listPage: PageNumbers | null;
  /** Length of the list field's array. */
  listLength: number | null;
  /** Rocket.Chat's `error` text when `success` is false. */
  errorText: string | null;
  visibleCount: number;
  table: TableSummary | null;
  raw: RawSummary;
  parseMs: number;
}

export type WorkerRequest =
  /** Part of a body sent ahead of `load`: a 40 MB string in one postMessage is one long task. */
  | { op: 'append'; docId: number; text: string; slot?: DocSlot }
  /** The body (or its last part, after `append`s for the same docId): parse it. */
  | { op: 'load'; docId: number; text: string; contentType: string; slot?: DocSlot }
  | { op: 'rows'; docId: number; start: number; end: number }
  | { op: 'toggle'; docId: number; pointer: string; open?: boolean }
  | { op: 'collapseAll'; docId: number }
  | { op: 'search'; docId: number; query: string }
  | { op: 'tableRows'; docId: number; start: number; end: number; columns: string[]; sort?: TableSort }
  | { op: 'copy'; docId: number; pointer: string };

export type WorkerAnswer =
  | { op: 'append'; received: number }
  | { op: 'load'; summary: DocSummary }
  | { op: 'rows'; rows: TreeRow[]; visibleCount: number }
  | { op: 'toggle' | 'collapseAll'; visibleCount: number }
  | { op: 'search'; visibleCount: number; search: SearchResult }
  | { op: 'tableRows'; rows: TableRow[] }
  | { op: 'copy'; text: string; path: string; tooLarge?: number }
  | { op: 'stale' };

/** Characters "Copy value" hands to the clipboard at most. */
export const COPY_LIMIT = 5_000_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function looksLikeHtml(text: string, contentType: string): boolean {
  if (/\btext\/html\b/i.test(contentType)) return true;
  const head = text.slice(0, 200).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** Where JSON.parse stopped, in words: V8 says `... at position 12 (line 1 column 13)`. */
function parseErrorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ResponseDocument {
  readonly summary: DocSummary;
  private readonly tree: TreeModel | null;
  private readonly table: TableSource | null;
  /** The last sort asked for: scrolling asks for rows of the same order many times. */
  private sorted: { key: string; order: Int32Array } | null = null;

  constructor(docId: number, text: string, contentType: string, now: () => number = () => performance.now()) {
    const started = now();
    const declaredJson = /\bjson\b/i.test(contentType);
    const trimmedStart = text.trimStart();
    let kind: BodyKind = text.trim() === '' ? 'empty' : 'text';
    let root: unknown = undefined;
    let parseError: string | null = null;
    const html = kind !== 'empty' && looksLikeHtml(text, contentType);
    if (kind !== 'empty' && !html && (declaredJson || /^[[{"]/.test(trimmedStart))) {
      try {
        root = JSON.parse(text) as unknown;
        kind = 'json';
      } catch (error) {
        parseError = parseErrorText(error);
      }
    }
    this.tree = kind === 'json' ? new TreeModel(root) : null;
    this.table = kind === 'json' ? tableSource(root) : null;

    let rawText: string | null = null;
    if (kind === 'json' && text.length <= PRETTY_LIMIT) {
      const pretty = JSON.stringify(root, null, 2);
      if (pretty !== text) rawText = pretty;
    }
    const shown = rawText ?? text;
    const listField = kind === 'json' ? findListField(root) : null;
    const envelope = isRecord(root) ? root : null;
    const numeric = (key: string) => typeof envelope?.[key] === 'number';
    const page =
      envelope && listField !== null && numeric('count') && numeric('offset') && numeric('total')
        ? readPageNumbers(root, listField)
        : null;
    const columns = this.table ? discoverColumns(this.table.items) : [];
    this.summary = {
      docId,
      kind,
      html,
      parseError,
      declaredJson,
      rootKind: kind === 'json' ? valueKind(root) : null,
      listField,
      page,
      listPage: listField !== null ? readPageNumbers(root, listField) : null,
      listLength: listField !== null && envelope ? (envelope[listField] as unknown[]).length : null,
      errorText:
        envelope && envelope.success === false && typeof envelope.error === 'string' ? envelope.error : null,
      visibleCount: this.tree?.visibleCount ?? 0,
      table: this.table
        ? {
            path: this.table.path,
            rowCount: this.table.items.length,
            columns,
            defaults: defaultColumns(columns),
          }
        : null,
      raw: {
        text: rawText,
        pretty: rawText !== null,
        starts: shown.length > SMALL_TEXT ? rawRowStarts(shown) : null,
      },
      parseMs: 0,
    };
    this.summary.parseMs = now() - started;
  }

  private orderBy(items: readonly unknown[], sort: TableSort): Int32Array {
    const key = `${sort.direction}\u0000${sort.column}`;
    if (this.sorted?.key !== key) this.sorted = { key, order: sortedOrder(items, sort) };
    return this.sorted.order;
  }

  handle(request: Exclude<WorkerRequest, { op: 'load' | 'append' }>): WorkerAnswer {
    const tree = this.tree;
    switch (request.op) {
      case 'rows':
        return {
          op: 'rows',
          rows: tree ? tree.rows(request.start, request.end) : [],
          visibleCount: tree?.visibleCount ?? 0,
        };
      case 'toggle':
        if (tree) {
          if (request.open === undefined) tree.toggle(request.pointer);
          else tree.setExpanded(request.pointer, request.open);
        }
        return { op: 'toggle', visibleCount: tree?.visibleCount ?? 0 };
      case 'collapseAll':
        tree?.collapseAll();
        return { op: 'collapseAll', visibleCount: tree?.visibleCount ?? 0 };
      case 'search': {
        const search = tree
          ? tree.setSearch(request.query)
          : { query: request.query, matches: 0, capped: false };
        return { op: 'search', visibleCount: tree?.visibleCount ?? 0, search };
      }
      case 'tableRows': {
        if (!this.table) return { op: 'tableRows', rows: [] };
        const order = request.sort ? this.orderBy(this.table.items, request.sort) : undefined;
        return {
          op: 'tableRows',
          rows: tableRows(this.table.items, request.start, request.end, request.columns, order),
        };
      }
      case 'copy': {
        const segments = tree?.segmentsOf(request.pointer) ?? null;
        if (!tree || !segments) return { op: 'copy', text: '', path: '' };
        const text = copyText(valueAt(tree.root, segments));
        const path = formatPath(segments);
        // Moving tens of MB back to the page would be one long task, and no clipboard wants it.
        if (text.length > COPY_LIMIT) return { op: 'copy', text: '', path, tooLarge: text.length };
        return { op: 'copy', text, path };
      }
    }
  }
}

/** The worker's state: the current document only (a new load drops the previous one). */
/**
 * Where a document lives in the worker: the server's answer, or a view put together in the explorer
 * (e.g. the items of every page). One of each is kept, so going back to the answer from a local view
 * needs no new parse.
 */
export type DocSlot = 'response' | 'local';

export function createDocumentHost(now?: () => number) {
  const docs: Record<DocSlot, ResponseDocument | null> = { response: null, local: null };
  let pending: { docId: number; parts: string[]; length: number } | null = null;
  return {
    handle(request: WorkerRequest): WorkerAnswer {
      if (request.op === 'append') {
        if (pending?.docId !== request.docId) pending = { docId: request.docId, parts: [], length: 0 };
        pending.parts.push(request.text);
        pending.length += request.text.length;
        return { op: 'append', received: pending.length };
      }
      if (request.op === 'load') {
        const slot = request.slot ?? 'response';
        docs[slot] = null; // let the previous document be collected before parsing the next one
        let text = request.text;
        if (pending?.docId === request.docId) {
          pending.parts.push(text);
          text = pending.parts.join('');
        }
        pending = null;
        const doc = new ResponseDocument(request.docId, text, request.contentType, now);
        docs[slot] = doc;
        return { op: 'load', summary: doc.summary };
      }
      const doc = [docs.response, docs.local].find((d) => d?.summary.docId === request.docId);
      return doc ? doc.handle(request) : { op: 'stale' };
    },
  };
}
