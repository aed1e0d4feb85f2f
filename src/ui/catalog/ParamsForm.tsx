import { useId, useMemo } from 'react';
import { formFields, type FormField } from '../../core/catalog/group';
import type { Operation } from '../../core/catalog/types';
import type { Problem } from '../../core/validation/validate';
import { useRequestChecks } from '../request';
import { useExplorerStore } from '../state';
import { useSettledWithSettle } from '../lib/useSettled';
import { useSelectedOperation } from './catalog-store';
import {
  EDITOR_PARAMS,
  bodyValueFromText,
  displayBodyValue,
  parseBodyObject,
  withBodyField,
} from './form-values';
import './catalog.css';

function exampleText(example: unknown): string | undefined {
  if (example === undefined || example === null) return undefined;
  const text = typeof example === 'string' ? example : JSON.stringify(example);
  return text.length > 60 ? undefined : `e.g. ${text}`;
}

/**
 * A body field longer than this is not put in a form control: a browser lays out the whole value
 * of an input, and 256 K characters (the most a link may carry) take one task of 0.4-1.8 s. The
 * field shows its start, read-only, and the Body editor, which renders only what is on screen,
 * stays the place to edit it.
 */
export const LONG_FIELD_CHARS = 10_000;
const PREVIEW_CHARS = 200;

interface ControlProps {
  id: string;
  field: FormField;
  value: string;
  onChange(text: string): void;
  describedBy: string | undefined;
  invalid: boolean;
  disabled: boolean;
  /** Body fields hold JSON values; query-string ones are always text. */
  inBody: boolean;
}

/** One control per parameter, its accessible name being the parameter's own name (the label). */
function FieldControl({ id, field, value, onChange, describedBy, invalid, disabled, inBody }: ControlProps) {
  const common = {
    id,
    disabled,
    'aria-required': field.required || undefined,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  };
  if (field.kind === 'enum') {
    const options = field.enum ?? [];
    // Body enums are chosen by index so non-string values (numbers, booleans) round-trip exactly.
    return (
      <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">(not set)</option>
        {options.map((option, index) => (
          <option key={JSON.stringify(option)} value={inBody ? String(index) : String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  }
  if (field.kind === 'boolean') {
    return (
      <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">(not set)</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (field.kind === 'number' || field.kind === 'integer') {
    return (
      <input
        {...common}
        type="number"
        inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
        step={field.kind === 'integer' ? 1 : 'any'}
        value={value}
        placeholder={exampleText(field.example)}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  if (inBody && value.length > LONG_FIELD_CHARS) {
    const noteId = `${id}-long`;
    return (
      <>
        <input
          {...common}
          aria-describedby={[noteId, describedBy].filter(Boolean).join(' ')}
          type="text"
          readOnly
          value={`${value.slice(0, PREVIEW_CHARS)}…`}
        />
        <p id={noteId} className="field-help">
          {value.length.toLocaleString('en')} characters: too long to edit here; edit it in the Body editor.
        </p>
      </>
    );
  }
  const isJson = field.kind === 'array' || field.kind === 'object' || field.kind === 'json';
  if (isJson && inBody) {
    return (
      <textarea
        {...common}
        className="code-input"
        rows={Math.min(6, Math.max(1, value.split('\n').length))}
        spellCheck={false}
        value={value}
        placeholder={
          exampleText(field.example) ??
          (field.kind === 'array' ? '["…"]' : field.kind === 'object' ? '{ }' : 'JSON or text')
        }
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <input
      {...common}
      type="text"
      className={isJson ? 'code-input' : undefined}
      spellCheck={false}
      autoComplete="off"
      value={value}
      placeholder={exampleText(field.example)}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

interface RowProps {
  formId: string;
  field: FormField;
  value: string;
  onChange(text: string): void;
  problems: string[];
  disabled?: boolean;
  inBody?: boolean;
}

function FieldRow({ formId, field, value, onChange, problems, disabled = false, inBody = false }: RowProps) {
  const id = `${formId}-${field.in}-${field.name}`;
  const helpId = field.description ? `${id}-help` : undefined;
  const errorId = problems.length > 0 ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`param-row${problems.length > 0 ? ' has-error' : ''}`}>
      <label htmlFor={id} className="param-name">
        {field.name}
        {field.required ? (
          <span className="required-mark" aria-hidden="true" title="required">
            *
          </span>
        ) : field.requiredInSome ? (
          <span className="required-some" aria-hidden="true" title="required unless an alternative is given">
            one of
          </span>
        ) : null}
      </label>
      <div className="param-control">
        <FieldControl
          id={id}
          field={field}
          value={value}
          onChange={onChange}
          describedBy={describedBy}
          invalid={problems.length > 0}
          disabled={disabled}
          inBody={inBody}
        />
        {errorId ? (
          <p id={errorId} className="field-error">
            {problems.join('; ')}
          </p>
        ) : null}
        {helpId ? (
          <p id={helpId} className="field-help">
            {field.description}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Slot owned by the catalog feature: the form generated from the operation's schema. Path and
 * query-string parameters are bound to the draft; body fields read and write the JSON `Body` text
 * (the editor feature's Body editor shows the same text), so both ways of editing stay in step.
 * `query`/`fields`/`sort` are the editor feature's JSON editors and are not repeated here.
 */
export function ParamsForm() {
  const operationLabel = useExplorerStore((state) => state.draft.operationLabel);
  const op = useSelectedOperation(operationLabel);
  if (!op) return null;
  // Keyed by operation: local text of half-typed JSON fields belongs to one operation only.
  return <OperationForm key={op.id} op={op} />;
}

function OperationForm({ op }: { op: Operation }) {
  const draft = useExplorerStore((state) => state.draft);
  const { setParam, setPathParam, setBody, setUnparsedField } = useExplorerStore((state) => state.actions);
  const formId = useId();
  /** Text typed into body JSON fields that does not parse yet (kept out of the Body; holds Send back). */
  const pendingJson = useExplorerStore((state) => state.unparsedFields);

  const fields = useMemo(() => formFields(op), [op]);
  const pathFields = fields.filter((f) => f.in === 'path');
  const queryFields = fields.filter((f) => f.in === 'query' && !EDITOR_PARAMS.has(f.name));
  const bodyFields = fields.filter((f) => f.in === 'body');
  const hasBodyFields = bodyFields.length > 0;
  // A large Body is parsed and validated when typing pauses, not on every keystroke (useSettled);
  // the Body editor itself stays bound to the live text.
  const [bodyText, settleBodyNow] = useSettledWithSettle(draft.body, draft.body.length);
  const body = useMemo(() => (hasBodyFields ? parseBodyObject(bodyText) : null), [hasBodyFields, bodyText]);

  // The request's checks (the same ones that hold Send back), shown beside each field.
  const problems = useRequestChecks().paramProblems;
  const rendered = new Set(
    fields.filter((f) => f.in !== 'query' || !EDITOR_PARAMS.has(f.name)).map((f) => f.name),
  );
  const byField = new Map<string, string[]>();
  const elsewhere: Problem[] = [];
  for (const problem of problems) {
    if (rendered.has(problem.field))
      byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem.message]);
    else elsewhere.push(problem);
  }
  for (const [name, pending] of Object.entries(pendingJson)) {
    byField.set(name, [pending.message, ...(byField.get(name) ?? [])]);
  }

  const writeBodyField = (field: FormField, text: string) => {
    // The live Body, not the settled one: edits made in the Body editor a moment ago are kept.
    const live = parseBodyObject(useExplorerStore.getState().draft.body);
    if (!live.ok) return;
    const parsed = bodyValueFromText(text, field);
    if (!parsed.ok) {
      setUnparsedField(field.name, { text, message: parsed.message });
      return;
    }
    setUnparsedField(field.name, null);
    const next = withBodyField(live.value, field.name, parsed.value);
    setBody(next);
    settleBodyNow(next); // the field shows what was typed, not the Body of a moment ago
  };

  if (fields.length === 0) {
    return <p className="hint muted params-none">This endpoint takes no parameters.</p>;
  }
  return (
    <div className="params-form">
      {pathFields.length > 0 ? (
        <fieldset>
          <legend>Path</legend>
          {pathFields.map((field) => (
            <FieldRow
              key={field.name}
              formId={formId}
              field={field}
              value={draft.pathParams[field.name] ?? ''}
              onChange={(text) => setPathParam(field.name, text)}
              problems={byField.get(field.name) ?? []}
            />
          ))}
        </fieldset>
      ) : null}
      {queryFields.length > 0 ? (
        <fieldset>
          <legend>Query string</legend>
          {queryFields.map((field) => (
            <FieldRow
              key={field.name}
              formId={formId}
              field={field}
              value={draft.params[field.name] ?? ''}
              onChange={(text) => setParam(field.name, text)}
              problems={byField.get(field.name) ?? []}
            />
          ))}
        </fieldset>
      ) : null}
      {body ? (
        <fieldset>
          <legend>Body fields</legend>
          <p className="hint muted">These fields write into the JSON Body; edit either.</p>
          {!body.ok ? (
            <p className="hint warning">
              The Body is not a JSON object right now, so these fields are read-only. Fix it in the Body
              editor.
            </p>
          ) : null}
          {bodyFields.map((field) => (
            <FieldRow
              key={field.name}
              formId={formId}
              field={field}
              inBody
              disabled={!body.ok}
              value={
                pendingJson[field.name]?.text ??
                (body.ok ? displayBodyValue(body.value[field.name], field) : '')
              }
              onChange={(text) => writeBodyField(field, text)}
              problems={byField.get(field.name) ?? []}
            />
          ))}
        </fieldset>
      ) : null}
      {elsewhere.length > 0 ? (
        <ul className="other-problems" aria-label="Other parameter problems">
          {elsewhere.map((p) => (
            <li key={p.message} className={p.severity === 'error' ? 'field-error' : 'hint warning'}>
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
