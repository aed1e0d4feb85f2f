/**
 * Fuzzy, ranked search over method, path and summary.
 *
 * A small scorer instead of a general fuzzy library: queries here are path fragments
 * (`users.list`, `chat post`, `livechat/room`), and ranking has to follow path structure (an exact
 * endpoint name first, then names that start with the query, then word-boundary matches after `.`
 * `/` `-` or a camelCase hump, then plain substrings, then summaries, then in-order subsequences
 * for typos like `usrlst`). Fuse.js's Bitap scoring is character-distance based and does not know
 * these boundaries; see scripts/bench/catalog-search.ts for timings and a side-by-side ranking.
 * Every query word must match (AND); a word equal to an HTTP method matches the method.
 */
import type { Operation } from './types';

export interface SearchHit {
  op: Operation;
  score: number;
}

interface Entry {
  op: Operation;
  method: string;
  path: string;
  /** Path after `/api/v1/`, `/api/` or `/`: `users.list`, `apps/:id`, `livechat/room`. */
  tail: string;
  /** Indices in `path` where a word starts. */
  starts: Set<number>;
  summary: string;
}

export interface SearchIndex {
  entries: Entry[];
}

const METHOD_WORDS = new Set(['get', 'post', 'put', 'patch', 'delete']);

function wordStarts(raw: string): Set<number> {
  const s = new Set<number>([0]);
  for (let i = 1; i < raw.length; i++) {
    const prev = raw[i - 1]!;
    const c = raw[i]!;
    if ('/.-_:'.includes(prev) || (prev >= 'a' && prev <= 'z' && c >= 'A' && c <= 'Z')) s.add(i);
  }
  return s;
}

/** Builds the index once per catalog (lower-cased haystacks, word starts). */
export function createSearchIndex(ops: readonly Operation[]): SearchIndex {
  return {
    entries: ops.map((op) => {
      const tail = op.path
        .replace(/^\/api\/v\d+\//, '')
        .replace(/^\/api\//, '')
        .replace(/^\//, '');
      return {
        op,
        method: op.method.toLowerCase(),
        path: op.path.toLowerCase(),
        tail: tail.toLowerCase(),
        starts: wordStarts(op.path),
        summary: `${op.summary ?? ''} ${op.group}`.toLowerCase(),
      };
    }),
  };
}

/** Score of one query word against one entry; 0 = no match. */
function scoreWord(e: Entry, w: string): number {
  const inPath = scorePathWord(e, w);
  if (METHOD_WORDS.has(w) && e.method === w) return inPath > 0 ? Math.max(inPath, 45) + 15 : 45;
  return inPath;
}

function scorePathWord(e: Entry, w: string): number {
  if (e.tail === w) return 100;
  if (e.tail.startsWith(w)) return 80 - Math.min(20, e.tail.length - w.length) / 2;
  let best = 0;
  let i = e.path.indexOf(w);
  while (i !== -1) {
    best = Math.max(best, e.starts.has(i) ? 60 : 40);
    if (best === 60) break;
    i = e.path.indexOf(w, i + 1);
  }
  if (best) return best;
  if (e.summary.includes(w)) return 20;
  // In-order subsequence in the tail, penalised by the gaps.
  if (w.length >= 3) {
    let pos = -1;
    let gaps = 0;
    for (const ch of w) {
      const next = e.tail.indexOf(ch, pos + 1);
      if (next === -1) return 0;
      if (pos !== -1) gaps += next - pos - 1;
      pos = next;
    }
    return Math.max(1, 15 - gaps);
  }
  return 0;
}

/**
 * Ranked matches for a query; an empty query returns every operation in catalog order.
 * Ties keep shorter paths first, then catalog order.
 */
export function searchOperations(index: SearchIndex, query: string, limit = Infinity): SearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return index.entries.slice(0, limit).map((e) => ({ op: e.op, score: 0 }));
  const hits: { op: Operation; score: number; len: number; order: number }[] = [];
  index.entries.forEach((e, order) => {
    let total = 0;
    for (const w of words) {
      const s = scoreWord(e, w);
      if (s === 0) return;
      total += s;
    }
    hits.push({ op: e.op, score: total, len: e.path.length, order });
  });
  hits.sort((a, b) => b.score - a.score || a.len - b.len || a.order - b.order);
  return hits.slice(0, limit).map(({ op, score }) => ({ op, score }));
}
