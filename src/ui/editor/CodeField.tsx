import { useState } from 'react';
import type { JsonParamName } from './editor-context';
import { useMonacoStatus } from './monaco-loader';
import { MonacoField, type EditorMarker } from './MonacoField';

interface Props {
  name: JsonParamName | 'body';
  /** Accessible name, exactly `query`, `fields`, `sort` or `Body` (ui-contract). */
  label: string;
  value: string;
  onChange(text: string): void;
  markers: EditorMarker[];
  hint: string;
  placeholder: string;
  maxLines: number;
  onWorkerMarkers?: (markers: EditorMarker[]) => void;
}

/**
 * A JSON field: Monaco once it has loaded, a plain <textarea> with the same accessible name before
 * that and whenever Monaco cannot load. The swap waits until the textarea loses focus, so someone
 * typing when Monaco arrives keeps their cursor.
 */
export function CodeField({
  name,
  label,
  value,
  onChange,
  markers,
  hint,
  placeholder,
  maxLines,
  onWorkerMarkers,
}: Props) {
  const status = useMonacoStatus();
  const [textareaFocused, setTextareaFocused] = useState(false);
  const hintId = `editor-hint-${name}`;
  const useMonaco = status.phase === 'ready' && !textareaFocused;
  const labelId = `editor-label-${name}`;
  return (
    <div className="json-field">
      <div className="json-field-head">
        {useMonaco ? (
          <span id={labelId} className="json-field-label">
            {label}
          </span>
        ) : (
          <label htmlFor={`editor-textarea-${name}`} id={labelId} className="json-field-label">
            {label}
          </label>
        )}
        <span id={hintId} className="muted hint">
          {hint}
        </span>
      </div>
      {useMonaco && status.phase === 'ready' ? (
        <MonacoField
          module={status.module}
          name={name}
          label={label}
          value={value}
          onChange={onChange}
          markers={markers}
          describedBy={hintId}
          placeholder={placeholder}
          maxLines={maxLines}
          {...(onWorkerMarkers ? { onWorkerMarkers } : {})}
        />
      ) : (
        <textarea
          id={`editor-textarea-${name}`}
          className="code-input"
          rows={
            value === '' && !textareaFocused ? 1 : Math.min(Math.max(value.split('\n').length, 3), maxLines)
          }
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-describedby={hintId}
          aria-invalid={markers.some((m) => m.severity === 'error') || undefined}
          placeholder={placeholder}
          value={value}
          onFocus={() => setTextareaFocused(true)}
          onBlur={() => setTextareaFocused(false)}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}
