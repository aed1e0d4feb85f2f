/**
 * The JSON tree model behind the Tree view. Pure (no React, no DOM), so it runs inside the parsing
 * worker and in unit tests alike.
 *
 * Why it lives in the worker: a 40 MB `users.list?count=0` body parses to about a million values.
 * Parsing, walking and searching them on the main thread would freeze the page (peers freeze from
 * 24 KB), and copying the parsed graph back to the main thread costs as much as parsing. So the
 * worker keeps the parsed value and this model, and the page asks only for the rows it shows:
 * the model flattens *visible* nodes (open containers only), never the whole document.
 */

export type Segment = string | number;

export type ValueKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export function valueKind(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'null';
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A path as people write it in JavaScript: `users[3].username`, `details["x-y"]`, `[0].name`
 * for a root array. The root itself is the empty string.
 */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** A stable, unambiguous id for a node (JSON Pointer, RFC 6901). */
export function pointerOf(segments: readonly Segment[]): string {
  let out = '';
  for (const segment of segments) out += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

/** The value at a path, or undefined. */
export function valueAt(root: unknown, segments: readonly Segment[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment as string];
  }
  return current;
}

export function childCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  return 0;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One short line for a value: scalars as JSON, containers as a summary of their first keys. */
export function previewOf(value: unknown, max = 160): string {
  const kind = valueKind(value);
  if (kind === 'string') return clip(JSON.stringify(value), max);
  if (kind === 'number' || kind === 'boolean') return String(value);
  if (kind === 'null') return 'null';
  if (kind === 'array') {
    const list = value as unknown[];
    return list.length === 1 ? '[1 item]' : `[${list.length} items]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let count = 0;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    if (out.length > max) {
      out += ', …';
      break;
    }
    const inner = record[key];
    const innerKind = valueKind(inner);
    const shown =
      innerKind === 'object'
        ? '{…}'
        : innerKind === 'array'
          ? `[${(inner as unknown[]).length}]`
          : previewOf(inner, 40);
    out += `${count === 0 ? '' : ', '}${key}: ${shown}`;
    count++;
  }
  return clip(`${out}}`, max);
}

/** What the page needs to draw one tree row; plain data so it crosses postMessage cheaply. */
export interface TreeRow {
  /** JSON Pointer: the row's id. */
  id: string;
  depth: number;
  /** Object key or array index; null for the root. */
  key: Segment | null;
  kind: ValueKind;
  preview: string;
  childCount: number;
  expandable: boolean;
  expanded: boolean;
  /** `users[3].username` */
  path: string;
  /** The key or the value matches the search. */
  match: boolean;
}

interface VisibleNode {
  value: unknown;
  key: Segment | null;
  depth: number;
  /** JSON Pointer, built once from the parent's (not recomputed from the whole path). */
  pointer: string;
  parent: VisibleNode | null;
}

function escapeToken(key: Segment): string {
  const text = String(key);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

function segmentsOfNode(node: VisibleNode): Segment[] {
  const out: Segment[] = [];
  for (let n: VisibleNode | null = node; n && n.key !== null; n = n.parent) out.push(n.key);
  return out.reverse();
}

export interface SearchResult {
  query: string;
  matches: number;
  /** True when matching stopped at the cap (the filter shows the first `cap` matches). */
  capped: boolean;
}

export interface TreeModelOptions {
  /** Containers shallower than this start open (default 2: the root and its children). */
  openDepth?: number;
  /** Most matches a search keeps (default 5000). */
  searchCap?: number;
}

/**
 * Expansion, search and the flattened list of visible nodes for one document.
 * Opening a 100,000-item array adds 100,000 small entries (value, key, pointer, parent), which is
 * cheap; rows are only turned into `TreeRow`s for the range the page asks for. Opening or closing
 * a node splices only its own descendants in or out of the list.
 */
export class TreeModel {
  private readonly openDepth: number;
  private readonly searchCap: number;
  private readonly expanded = new Set<string>();
  private readonly collapsed = new Set<string>();
  private visible: VisibleNode[] = [];
  private query = '';
  /** Pointers of matching nodes (filter mode only). */
  private matches = new Set<string>();
  /** Pointers of ancestors of matches: open in filter mode, and the only children shown there. */
  private keep = new Set<string>();
  private lastSearch: SearchResult = { query: '', matches: 0, capped: false };

  constructor(
    readonly root: unknown,
    options: TreeModelOptions = {},
  ) {
    this.openDepth = options.openDepth ?? 2;
    this.searchCap = options.searchCap ?? 5000;
    this.rebuild();
  }

  get visibleCount(): number {
    return this.visible.length;
  }

  get search(): SearchResult {
    return this.lastSearch;
  }

  private isOpen(pointer: string, depth: number): boolean {
    if (this.collapsed.has(pointer)) return false;
    if (this.expanded.has(pointer)) return true;
    if (this.query !== '') return this.keep.has(pointer);
    return depth < this.openDepth;
  }

  /** Appends the visible descendants of `node` (not the node itself) to `out`. */
  private walkChildren(node: VisibleNode, out: VisibleNode[]): void {
    const value = node.value;
    if (value === null || typeof value !== 'object') return;
    if (!this.isOpen(node.pointer, node.depth)) return;
    // In filter mode a container opened by the search shows only the branches leading to matches;
    // one the person opened by hand shows everything.
    const onlyKept = this.query !== '' && this.keep.has(node.pointer) && !this.expanded.has(node.pointer);
    const visit = (key: Segment, child: unknown) => {
      const pointer = `${node.pointer}/${escapeToken(key)}`;
      if (onlyKept && !this.keep.has(pointer) && !this.matches.has(pointer)) return;
      const childNode: VisibleNode = { value: child, key, depth: node.depth + 1, pointer, parent: node };
      out.push(childNode);
      if (child !== null && typeof child === 'object') this.walkChildren(childNode, out);
    };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(i, value[i]);
    } else {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) visit(key, record[key]);
    }
  }

  /** Recomputes the whole visible list: O(visible nodes). */
  private rebuild(): void {
    const rootNode: VisibleNode = { value: this.root, key: null, depth: 0, pointer: '', parent: null };
    const out: VisibleNode[] = [rootNode];
    this.walkChildren(rootNode, out);
    this.visible = out;
  }

  private row(node: VisibleNode): TreeRow {
    const count = childCount(node.value);
    const kind = valueKind(node.value);
    const expandable = (kind === 'object' || kind === 'array') && count > 0;
    return {
      id: node.pointer,
      depth: node.depth,
      key: node.key,
      kind,
      preview: previewOf(node.value),
      childCount: count,
      expandable,
      expanded: expandable && this.isOpen(node.pointer, node.depth),
      path: formatPath(segmentsOfNode(node)),
      match: this.matches.has(node.pointer),
    };
  }

  /** Rows `start` (inclusive) to `end` (exclusive) of the visible list. */
  rows(start: number, end: number): TreeRow[] {
    const from = Math.max(0, Math.floor(start));
    const to = Math.min(this.visible.length, Math.floor(end));
    const out: TreeRow[] = [];
    for (let i = from; i < to; i++) out.push(this.row(this.visible[i]!));
    return out;
  }

  indexOf(pointer: string): number {
    return this.visible.findIndex((node) => node.pointer === pointer);
  }

  segmentsOf(pointer: string): Segment[] | null {
    const index = this.indexOf(pointer);
    return index === -1 ? null : segmentsOfNode(this.visible[index]!);
  }

  setExpanded(pointer: string, open: boolean): void {
    const index = this.indexOf(pointer);
    if (index === -1) return;
    const node = this.visible[index]!;
    const wasOpen = this.isOpen(pointer, node.depth);
    if (open) {
      this.expanded.add(pointer);
      this.collapsed.delete(pointer);
    } else {
      this.collapsed.add(pointer);
      this.expanded.delete(pointer);
    }
    // Only this node's descendants change: take the old ones out, put the new ones in.
    let end = index + 1;
    while (end < this.visible.length && this.visible[end]!.depth > node.depth) end++;
    const inserted: VisibleNode[] = [];
    if (open) this.walkChildren(node, inserted);
    if (!wasOpen && !open) return;
    this.visible = [...this.visible.slice(0, index + 1), ...inserted, ...this.visible.slice(end)];
  }

  toggle(pointer: string): void {
    const index = this.indexOf(pointer);
    if (index === -1) return;
    const node = this.visible[index]!;
    this.setExpanded(pointer, !this.isOpen(pointer, node.depth));
  }

  /** Closes everything but the root. */
  collapseAll(): void {
    this.expanded.clear();
    this.collapsed.clear();
    const root = this.root;
    if (root !== null && typeof root === 'object' && this.openDepth > 1) {
      const keys = Array.isArray(root) ? root.map((_, i) => i) : Object.keys(root);
      for (const key of keys) this.collapsed.add(`/${escapeToken(key)}`);
    }
    this.rebuild();
  }

  /**
   * Filters the tree to nodes whose key or scalar value contains `query` (case-insensitive), and
   * their ancestors. An empty query clears the filter.
   */
  setSearch(query: string): SearchResult {
    this.query = query.trim();
    this.matches = new Set();
    this.keep = new Set();
    this.expanded.clear();
    this.collapsed.clear();
    let capped = false;
    if (this.query !== '') {
      const needle = this.query.toLowerCase();
      const cap = this.searchCap;
      // One mutable path for the whole walk; a pointer string is built only for a match.
      const path: string[] = [];
      const matchPaths: string[][] = [];
      const walk = (value: unknown, key: string | undefined): boolean => {
        let hit = key !== undefined && key.toLowerCase().includes(needle);
        if (!hit && (value === null || typeof value !== 'object'))
          hit = String(value).toLowerCase().includes(needle);
        if (hit) {
          if (matchPaths.length >= cap) {
            capped = true;
            return false;
          }
          matchPaths.push([...path]);
        }
        if (value !== null && typeof value === 'object') {
          if (Array.isArray(value)) {
            for (let i = 0; i < value.length; i++) {
              path.push(String(i));
              const go = walk(value[i], undefined);
              path.pop();
              if (!go) return false;
            }
          } else {
            for (const k of Object.keys(value)) {
              path.push(k);
              const go = walk((value as Record<string, unknown>)[k], k);
              path.pop();
              if (!go) return false;
            }
          }
        }
        return true;
      };
      walk(this.root, undefined);
      for (const segments of matchPaths) {
        let pointer = '';
        this.keep.add(pointer);
        segments.forEach((segment, i) => {
          pointer += `/${escapeToken(segment)}`;
          if (i < segments.length - 1) this.keep.add(pointer);
        });
        this.matches.add(pointer);
      }
      // A match whose own children also match is an ancestor too.
    }
    this.rebuild();
    this.lastSearch = { query: this.query, matches: this.matches.size, capped };
    return this.lastSearch;
  }
}

/** The text "Copy value" puts on the clipboard: strings as they are, everything else as JSON. */
export function copyText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value, null, 2);
}
