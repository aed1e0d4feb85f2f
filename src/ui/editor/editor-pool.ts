/**
 * One Monaco editor per field name, kept for the life of the page. Creating an editor is the
 * costliest step of an operation switch (135-155 ms of one task on the development machine, most
 * of it Monaco's services and DOM measurements), and a link or a click that moves between a GET
 * and a POST unmounts and mounts the Body editor every time. So an editor that leaves the screen
 * is parked in its own detached element with its model, and the next field of the same name takes
 * it back: attaching is a DOM move and a layout.
 */
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { editorModelUri, type JsonParamName } from './editor-context';
import type { MonacoModule } from './monaco-loader';

type Monaco = MonacoModule['monaco'];
type EditorOptions = MonacoApi.editor.IStandaloneEditorConstructionOptions;

export interface PooledEditor {
  /** The element Monaco draws into; moved into the field's container while it is on screen. */
  readonly element: HTMLDivElement;
  readonly editor: MonacoApi.editor.IStandaloneCodeEditor;
  readonly model: MonacoApi.editor.ITextModel;
  /** Puts the editor back in the pool (or disposes it when it was made beside a busy one). */
  release(): void;
}

interface Entry {
  monaco: Monaco;
  element: HTMLDivElement;
  editor: MonacoApi.editor.IStandaloneCodeEditor;
  model: MonacoApi.editor.ITextModel;
  busy: boolean;
}

const pool = new Map<string, Entry>();

function create(monaco: Monaco, name: JsonParamName | 'body', text: string, options: EditorOptions): Entry {
  const uri = monaco.Uri.parse(editorModelUri(name));
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(text, 'json', uri);
  model.updateOptions({ tabSize: 2, insertSpaces: true });
  const element = document.createElement('div');
  element.className = 'monaco-pooled';
  const editor = monaco.editor.create(element, { ...options, model });
  return { monaco, element, editor, model, busy: false };
}

/**
 * The editor for `name`, showing `text`, with `options` applied. A parked one is reused when it
 * belongs to the same Monaco; a second field of the same name on screen at once gets its own.
 */
export function takeEditor(
  monaco: Monaco,
  name: JsonParamName | 'body',
  text: string,
  options: EditorOptions,
): PooledEditor {
  let entry = pool.get(name);
  if (entry && entry.monaco !== monaco) {
    entry.editor.dispose();
    entry.model.dispose();
    pool.delete(name);
    entry = undefined;
  }
  if (entry?.busy) {
    const extra = create(monaco, name, text, options);
    return {
      ...extra,
      release: () => {
        extra.editor.dispose();
        extra.model.dispose();
      },
    };
  }
  if (entry) {
    // A parked editor keeps the text it had; a new field starts with the draft's, undo starting here.
    if (entry.model.getValueLength() !== text.length || entry.model.getValue() !== text)
      entry.model.setValue(text);
    entry.editor.updateOptions(options);
  } else {
    entry = create(monaco, name, text, options);
    pool.set(name, entry);
  }
  const taken = entry;
  taken.busy = true;
  return {
    element: taken.element,
    editor: taken.editor,
    model: taken.model,
    release: () => {
      taken.element.remove();
      taken.busy = false;
    },
  };
}

/**
 * Makes the `name` editor ahead of its first field, so the first operation with a Body does not
 * pay for it. Called when the browser is idle after Monaco has loaded.
 */
export function prepareEditor(monaco: Monaco, name: JsonParamName | 'body', options: EditorOptions): void {
  if (pool.has(name)) return;
  pool.set(name, create(monaco, name, '', options));
}

/** For tests only. */
export function clearEditorPoolForTests(): void {
  for (const entry of pool.values()) {
    entry.editor.dispose();
    entry.model.dispose();
  }
  pool.clear();
}
