import { useEffect, useRef } from 'react';
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { LARGE_TEXT } from '../lib/useSettled';
import { editorModelUri, type JsonParamName } from './editor-context';
import { LINE_HEIGHT, QUICK_SUGGESTIONS, editorOptions } from './editor-options';
import { takeEditor } from './editor-pool';
import type { MonacoModule } from './monaco-loader';

export interface EditorMarker {
  message: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface Props {
  module: MonacoModule;
  name: JsonParamName | 'body';
  /** Accessible name (Monaco's ariaLabel): exactly `query`, `fields`, `sort` or `Body`. */
  label: string;
  value: string;
  onChange(text: string): void;
  /** Our own findings (refused operators, EJSON, server rules); the JSON worker adds syntax/schema ones. */
  markers: EditorMarker[];
  describedBy?: string;
  /** Shown while the editor is empty (an example of what goes in). */
  placeholder: string;
  maxLines: number;
  /** Markers of the JSON worker (syntax and schema), for editors whose schema only Monaco checks. */
  onWorkerMarkers?: (markers: EditorMarker[]) => void;
}

const MARKER_OWNER = 'rocketchat-rules';

/**
 * One Monaco editor bound to a draft field. The model has a stable URI per editor so the JSON
 * worker matches it to its schema; the draft stays the source of truth (permalinks and history
 * may replace the text at any time).
 */
export function MonacoField({
  module,
  name,
  label,
  value,
  onChange,
  markers,
  describedBy,
  placeholder,
  maxLines,
  onWorkerMarkers,
}: Props) {
  const { monaco } = module;
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<MonacoApi.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  const applyingDraft = useRef(false);
  const initialValue = useRef(value);
  /** The text this editor last sent to the draft: when the draft comes back with it, nothing to do. */
  const lastEmitted = useRef(value);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!onWorkerMarkers) return;
    const uri = monaco.Uri.parse(editorModelUri(name));
    const severityOf = (s: number): EditorMarker['severity'] =>
      s >= monaco.MarkerSeverity.Error ? 'error' : s >= monaco.MarkerSeverity.Warning ? 'warning' : 'info';
    const report = () =>
      onWorkerMarkers(
        monaco.editor.getModelMarkers({ resource: uri, owner: 'json' }).map((m) => ({
          message: m.message,
          severity: severityOf(m.severity),
          line: m.startLineNumber,
          column: m.startColumn,
          endLine: m.endLineNumber,
          endColumn: m.endColumn,
        })),
      );
    const subscription = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === uri.toString())) report();
    });
    report();
    return () => {
      subscription.dispose();
      onWorkerMarkers([]);
    };
  }, [monaco, name, onWorkerMarkers]);

  useEffect(() => {
    const host = container.current;
    if (!host) return;
    // From the pool: a field that comes back (GET -> POST -> GET) reuses its editor (editor-pool.ts).
    const taken = takeEditor(monaco, name, initialValue.current, editorOptions(label, placeholder));
    const { editor, model } = taken;
    lastEmitted.current = initialValue.current;
    host.appendChild(taken.element);
    editorRef.current = editor;
    if (describedBy) {
      // Monaco exposes no option for aria-describedby; the hint and alerts describe the textbox.
      host
        .querySelectorAll('[role="textbox"]')
        .forEach((el) => el.setAttribute('aria-describedby', describedBy));
    }
    // An empty editor takes one line (its placeholder) until it is focused: three editors of empty
    // boxes would push Send below the fold. Focused or filled, it has room to type.
    const grow = () => {
      const empty = model.getValueLength() === 0 && !editor.hasTextFocus();
      const lines = empty ? 1 : Math.min(Math.max(model.getLineCount(), 3), maxLines);
      host.style.height = `${lines * LINE_HEIGHT + 10}px`;
    };
    grow();
    const focus = editor.onDidFocusEditorText(grow);
    const blur = editor.onDidBlurEditorText(grow);
    // In a large document, suggestions come on Ctrl+Space only: asking the JSON worker for them as
    // one types (letters, quotes, colons) is about half of Monaco's per-keystroke work in a
    // 5,000-line body.
    let suggestWhileTyping = true;
    const fitSuggestions = () => {
      const wanted = model.getValueLength() <= LARGE_TEXT;
      if (wanted === suggestWhileTyping) return;
      suggestWhileTyping = wanted;
      editor.updateOptions({
        quickSuggestions: wanted ? QUICK_SUGGESTIONS : false,
        suggestOnTriggerCharacters: wanted,
      });
    };
    fitSuggestions();
    const changes = model.onDidChangeContent(() => {
      grow();
      fitSuggestions();
      if (applyingDraft.current) return;
      const text = model.getValue();
      lastEmitted.current = text;
      onChangeRef.current(text);
    });
    return () => {
      changes.dispose();
      focus.dispose();
      blur.dispose();
      taken.release();
      editorRef.current = null;
    };
  }, [monaco, name, label, describedBy, placeholder, maxLines]);

  // The draft changed from elsewhere (permalink, history, operation switch): show it, keeping undo.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    // Our own keystroke coming back through the store: a reference check, no 5,000-line compare.
    if (!model || value === lastEmitted.current || model.getValue() === value) return;
    lastEmitted.current = value;
    applyingDraft.current = true;
    try {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
    } finally {
      applyingDraft.current = false;
    }
  }, [value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const severity = {
      error: monaco.MarkerSeverity.Error,
      warning: monaco.MarkerSeverity.Warning,
      info: monaco.MarkerSeverity.Info,
    };
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      markers.map((m) => ({
        message: m.message,
        severity: severity[m.severity],
        startLineNumber: m.line,
        startColumn: m.column,
        endLineNumber: m.endLine,
        endColumn: Math.max(m.endColumn, m.line === m.endLine ? m.column + 1 : m.endColumn),
      })),
    );
  }, [monaco, markers]);

  return <div ref={container} className="monaco-host" data-editor={name} />;
}
