/**
 * Turns the core checks (src/core/json-params) into what the editors show: alert lines with line
 * and column, Send blockers, notes, and Monaco markers. Pure, so it is unit-tested.
 */
import { checkParam, parseJsonText, queryOperatorInfo, type ParamCheck } from '../../core/json-params';
import type { JsonParamName, OperatorInfo } from './editor-context';
import type { EditorMarker } from './MonacoField';

export interface FieldReport {
  /** Problems that make Send unwise (syntax errors, refused operators, wrong values). */
  errors: string[];
  /** Worth knowing, not blocking (fields the server strips, $options caveats). */
  notes: string[];
  /** Our markers; syntax errors are left to Monaco's JSON worker, which marks them itself. */
  markers: EditorMarker[];
}

const EMPTY: FieldReport = { errors: [], notes: [], markers: [] };

function at(line: number, column: number, message: string): string {
  return /^Line \d+, column \d+/.test(message) ? message : `Line ${line}, column ${column}: ${message}`;
}

export function reportFromCheck(check: ParamCheck): FieldReport {
  if (check.syntaxError) {
    return { errors: [check.syntaxError.message], notes: [], markers: [] };
  }
  const report: FieldReport = { errors: [], notes: [], markers: [] };
  for (const issue of check.issues) {
    const text = at(issue.line, issue.column, issue.message);
    if (issue.severity === 'error') report.errors.push(text);
    else report.notes.push(text);
    report.markers.push({
      message: issue.message,
      severity: issue.severity,
      line: issue.line,
      column: issue.column,
      endLine: issue.endLine,
      endColumn: issue.endColumn,
    });
  }
  return report;
}

/** Checks one of query/fields/sort with the server's rules. `route` enables the users.* notes. */
export function reportParam(name: JsonParamName, text: string, route: string): FieldReport {
  if (text.trim() === '') return EMPTY;
  return reportFromCheck(checkParam(name, text, route));
}

/** The Body is JSON; its schema (when the catalog has one) is Monaco's business. */
export function reportBody(text: string): FieldReport {
  const parsed = parseJsonText(text);
  if (parsed.ok) return EMPTY;
  return { errors: [parsed.error.message], notes: [], markers: [] };
}

/** Send blockers, each naming its editor: `query: Line 1, column 12: ...`. */
export function blockerMessages(reports: Array<{ label: string; report: FieldReport }>): string[] {
  return reports.flatMap(({ label, report }) => report.errors.map((error) => `${label}: ${error}`));
}

const TOP_LEVEL = new Set(['$or', '$and', '$nor', '$expr', '$where', '$text', '$comment', '$jsonSchema']);

/** Operators for completion, from @mongodb-js/mongodb-constants via the core rules. */
export function completionOperators(): OperatorInfo[] {
  return queryOperatorInfo().map((op) => ({
    name: op.name,
    allowed: op.allowed,
    level: TOP_LEVEL.has(op.name) ? 'top' : 'field',
    note: op.detail,
  }));
}

/**
 * Adds the JSON worker's schema findings for the Body (the catalog's schema; Monaco checks it
 * without eval, so it works under the CSP) as notes. Only when the syntax is fine (the syntax
 * error is already reported). Blocking is the request checks' job (request/checks.ts validates the
 * Body once, with the server's validator), so these never hold Send back.
 */
export function withSchemaMarkers(report: FieldReport, markers: EditorMarker[]): FieldReport {
  if (report.errors.length > 0 || markers.length === 0) return report;
  const lines = markers
    .filter((m) => m.severity !== 'info')
    .map((m) => at(m.line, m.column, `${m.message.replace(/\.?$/, '.')} (schema)`));
  if (lines.length === 0) return report;
  return { ...report, notes: [...report.notes, ...lines] };
}
