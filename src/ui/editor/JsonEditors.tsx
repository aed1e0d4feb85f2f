import { useEffect, useMemo, useState } from 'react';
import { JSON_PARAM_SCHEMAS, queryFieldsSupport } from '../../core/json-params';
import { useSelectedOperation } from '../catalog';
import { useExplorerStore } from '../state';
import { useRequestChecks } from '../request';
import { completionOperators, withSchemaMarkers, type FieldReport } from './checks';
import type { EditorMarker } from './MonacoField';
import { CodeField } from './CodeField';
import type { EditorLanguageContext, JsonParamName } from './editor-context';
import { editorOptions } from './editor-options';
import { prepareEditor } from './editor-pool';
import { IgnoredParamsNotice } from './IgnoredParamsNotice';
import { loadMonacoAfterPaint, useMonacoStatus } from './monaco-loader';
import { editorPlan, takesBody } from './operation-params';
import { RequestPreview } from './RequestPreview';
import { useServerVersion } from './useServerVersion';
import './editors.css';

const HINTS: Record<JsonParamName | 'body', { hint: string; placeholder: string }> = {
  query: {
    hint: 'EJSON filter; Rocket.Chat allows $or, $and, $regex',
    // "e.g." and italics: a placeholder in an editor's own font reads as a value already set.
    // "name" is a field of most lists (rooms, users, teams, roles, emoji).
    placeholder: 'e.g. {"name": {"$regex": "^a"}}',
  },
  fields: { hint: 'projection: 1 include, 0 exclude', placeholder: 'e.g. {"name": 1}' },
  sort: { hint: '1 ascending, -1 descending', placeholder: 'e.g. {"name": -1}' },
  body: { hint: 'JSON request body; Ctrl+Space suggests fields', placeholder: '{}' },
};

const OPERATORS = completionOperators();
const NO_FINDINGS: FieldReport = { errors: [], notes: [], markers: [] };

/**
 * Slot owned by the editor feature: the `query`, `fields` and `sort` editors for operations that
 * take them and the `Body` editor for POST/PUT/DELETE. Monaco loads after first paint; until then
 * (and if it cannot load) plain text fields with the same names do the job. Problems come from
 * the request's checks (request/checks.ts, the same ones that hold Send back), shown in words.
 */
export function JsonEditors() {
  const draft = useExplorerStore((state) => state.draft);
  const setJsonParam = useExplorerStore((state) => state.actions.setJsonParam);
  const setBody = useExplorerStore((state) => state.actions.setBody);
  const operation = useSelectedOperation(draft.operationLabel);
  const plan = useMemo(
    () => editorPlan(draft.method, draft.path, operation),
    [draft.method, draft.path, operation],
  );
  const showBody = takesBody(draft.method);
  const monaco = useMonacoStatus();
  const anyEditor = plan.jsonParams.length > 0 || showBody;

  // Monaco loads in the background once the app has painted and gone idle, whether or not an editor
  // is on screen yet: by the time someone picks a list endpoint it is usually there. Until then
  // (and if it never arrives) the text fields work.
  useEffect(() => loadMonacoAfterPaint(), []);
  // The first Monaco editor of a page costs most (its services and font measurements: over 200 ms of
  // one task here); made while the page is idle, the first operation with a Body only attaches it.
  useEffect(() => {
    if (monaco.phase !== 'ready') return;
    const { monaco: api } = monaco.module;
    const prepare = () => prepareEditor(api, 'body', editorOptions('Body', HINTS.body.placeholder));
    if (typeof requestIdleCallback !== 'function') return prepare();
    const handle = requestIdleCallback(prepare, { timeout: 5000 });
    return () => cancelIdleCallback(handle);
  }, [monaco]);

  const { query, fields } = draft.jsonParams;
  const checks = useRequestChecks();
  const reports = checks.editorReports;
  const [bodySchemaMarkers, setBodySchemaMarkers] = useState<EditorMarker[]>([]);
  // Monaco's schema findings are notes: the Body is validated once, by the request's checks.
  const bodyReport = useMemo<FieldReport | null>(
    () => (checks.bodyReport ? withSchemaMarkers(checks.bodyReport, bodySchemaMarkers) : null),
    [checks.bodyReport, bodySchemaMarkers],
  );

  // Schemas and completion context go to Monaco once per selected operation, not per keystroke.
  const languageContext = useMemo<EditorLanguageContext>(() => {
    const schemas: EditorLanguageContext['schemas'] = {};
    for (const name of plan.jsonParams) schemas[name] = JSON_PARAM_SCHEMAS[name];
    if (showBody && operation?.paramsIn === 'body' && operation.paramsSchema)
      schemas.body = operation.paramsSchema;
    return {
      key: `${draft.operationLabel}|${plan.modelName ?? ''}`,
      modelName: plan.modelName,
      schemas,
      operators: OPERATORS,
    };
  }, [draft.operationLabel, plan, showBody, operation]);
  useEffect(() => {
    if (monaco.phase === 'ready') monaco.module.setup.setLanguageContext(languageContext);
  }, [monaco, languageContext]);

  if (!anyEditor) return null;
  return (
    <div className="json-editors">
      {reports.map(({ name, report }) => (
        <EditorWithReport
          key={name}
          name={name}
          label={name}
          value={draft.jsonParams[name]}
          onChange={(text) => setJsonParam(name, text)}
          report={report}
        />
      ))}
      {plan.jsonParams.length > 0 ? (
        // One notice about the server and "query"/"fields", next to their editors: what an answer
        // showed when it showed something, else what the server's version is known to do.
        <IgnoredParamsNotice
          fallback={
            <ServerSupportNote
              serverUrl={draft.serverUrl}
              used={query.trim() !== '' || fields.trim() !== ''}
            />
          }
        />
      ) : null}
      {/* Shown by the method of the live draft: checks may lag behind a large paste, the editor may not. */}
      {showBody ? (
        <EditorWithReport
          name="body"
          label="Body"
          value={draft.body}
          onChange={setBody}
          report={bodyReport ?? NO_FINDINGS}
          onWorkerMarkers={setBodySchemaMarkers}
        />
      ) : null}
      {monaco.phase === 'failed' ? (
        <p className="muted hint">The code editor could not be loaded; plain text fields are used instead.</p>
      ) : null}
      <RequestPreview draft={draft} />
    </div>
  );
}

function EditorWithReport(props: {
  name: JsonParamName | 'body';
  label: string;
  value: string;
  onChange(text: string): void;
  report: FieldReport;
  onWorkerMarkers?: (markers: EditorMarker[]) => void;
}) {
  const { name, label, value, onChange, report, onWorkerMarkers } = props;
  return (
    <div className="editor-block">
      <CodeField
        name={name}
        label={label}
        value={value}
        onChange={onChange}
        markers={report.markers}
        hint={HINTS[name].hint}
        placeholder={HINTS[name].placeholder}
        maxLines={name === 'body' ? 24 : 12}
        {...(onWorkerMarkers ? { onWorkerMarkers } : {})}
      />
      {report.errors.length > 0 ? (
        <div role="alert" className="alert error editor-alert">
          <p>
            {label} {report.errors.length === 1 ? 'has a problem' : `has ${report.errors.length} problems`}:
          </p>
          <ul>
            {report.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.notes.length > 0 ? (
        <ul className="editor-notes muted">
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Honesty about the server: 7.0+ ignores query and fields unless ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS
 * is TRUE, 9.0 removes them. Loud (an alert) only when the person actually uses them.
 */
function ServerSupportNote({ serverUrl, used }: { serverUrl: string; used: boolean }) {
  const version = useServerVersion(serverUrl);
  const support = queryFieldsSupport(version);
  if (!used) return null;
  if (support.status === 'ignored-unless-enabled' || support.status === 'removed') {
    return (
      <p role="alert" className="alert warn">
        {support.message}
      </p>
    );
  }
  return <p className="muted hint">{support.message}</p>;
}
