/**
 * Merging catalog sources into one list of operations.
 *
 * Sources: (a) the bundled catalog (rest-typings), (b) imported OpenAPI documents, in the order
 * they were imported, (c) the connected server's `/api/docs/json`. The same operation is
 * recognised by method + path with placeholder names ignored (`/api/apps/:id` = `/api/apps/{appId}`).
 *
 * Precedence: the bundled operation is the base (its schemas come from the server's own ajv
 * validators); imported documents add prose (summary, description, parameter docs, examples), fill
 * a missing schema, and add operations the bundle lacks; the server adds what only it has and
 * decides availability. The server's own schemas are used only for operations nobody else
 * describes, because its description often folds query parameters into one opaque `query`.
 * `deprecated` is true when any source says so.
 *
 * Pure: inputs are not mutated, so a failed import leaves the previous merge result intact.
 */
import { matchKey, normalisePath } from './operation';
import type { Availability, Operation, SourceId } from './types';

export interface CatalogSources {
  bundled: readonly Operation[];
  /** Imported documents, oldest first. */
  imports?: readonly { operations: readonly Operation[] }[];
  /** Operations from the connected server's `/api/docs/json`; null/undefined when none was loaded. */
  server?: readonly Operation[] | null;
}

function enrich(base: Operation, extra: Operation, fillSchema: boolean): void {
  if (!base.summary && extra.summary) base.summary = extra.summary;
  if (!base.description && extra.description) base.description = extra.description;
  if (extra.deprecated) base.deprecated = true;
  if (extra.paramDocs) base.paramDocs = { ...extra.paramDocs, ...base.paramDocs };
  if (extra.examples) base.examples = { ...extra.examples, ...base.examples };
  if (fillSchema && !base.paramsSchema && extra.paramsSchema) {
    base.paramsSchema = extra.paramsSchema;
    base.schemaSource = extra.schemaSource;
    if (extra.paginated) base.paginated = true;
    if (base.jsonParams.length === 0) base.jsonParams = extra.jsonParams;
  }
  if (base.resultKeys.length === 0 && extra.resultKeys.length > 0) base.resultKeys = extra.resultKeys;
  for (const s of extra.sources) if (!base.sources.includes(s)) base.sources.push(s);
}

function copy(op: Operation): Operation {
  return { ...op, sources: [...op.sources], jsonParams: [...op.jsonParams], pathParams: [...op.pathParams] };
}

/**
 * Merges the sources; the result is sorted by path, then method. Operations are matched by exact
 * `METHOD path` first, then with placeholder names ignored (the package itself declares both
 * `/livechat/agents/:agentId/departments` and `/livechat/agents/:uid/departments`; both are kept).
 */
export function mergeCatalog(sources: CatalogSources): Operation[] {
  const byExact = new Map<string, Operation>();
  const byLoose = new Map<string, Operation>();
  const add = (op: Operation): void => {
    byExact.set(`${op.method} ${normalisePath(op.path)}`, op);
    const loose = matchKey(op.method, op.path);
    if (!byLoose.has(loose)) byLoose.set(loose, op);
  };
  const lookup = (op: Operation): Operation | undefined =>
    byExact.get(`${op.method} ${normalisePath(op.path)}`) ?? byLoose.get(matchKey(op.method, op.path));
  for (const op of sources.bundled) add(copy(op));
  for (const doc of sources.imports ?? []) {
    for (const op of doc.operations) {
      const base = lookup(op);
      if (base) enrich(base, op, true);
      else add(copy(op));
    }
  }
  const server = sources.server;
  if (server) {
    const onServer = new Set<Operation>();
    for (const op of server) {
      const base = lookup(op);
      if (base) {
        enrich(base, op, false);
        onServer.add(base);
        // a twin declared under another placeholder name is the same route on the server
        for (const twin of byExact.values())
          if (twin !== base && matchKey(twin.method, twin.path) === matchKey(op.method, op.path))
            onServer.add(twin);
      } else {
        const only = { ...copy(op), sources: ['server'] as SourceId[] };
        add(only);
        onServer.add(only);
      }
    }
    for (const op of byExact.values()) {
      let availability: Availability;
      if (!onServer.has(op)) availability = 'not-on-server';
      else availability = op.sources.some((s: SourceId) => s !== 'server') ? 'on-server' : 'only-on-server';
      op.availability = availability;
    }
  } else {
    for (const op of byExact.values()) op.availability = 'unknown';
  }
  return [...byExact.values()].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0,
  );
}

/** Counts per availability, for a summary line ("412 on this server, 157 not on this server"). */
export function availabilityCounts(ops: readonly Operation[]): Record<Availability, number> {
  const out: Record<Availability, number> = {
    unknown: 0,
    'on-server': 0,
    'not-on-server': 0,
    'only-on-server': 0,
  };
  for (const op of ops) out[op.availability]++;
  return out;
}
