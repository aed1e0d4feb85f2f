/**
 * The options every JSON field's Monaco editor is made with (MonacoField, and editor-pool.ts when
 * it makes one ahead of time). Plain data: the editor's model is given apart.
 */
import type * as MonacoApi from 'monaco-editor/editor/editor.api';

/** Suggestions while typing (in strings too: field names and operators are keys). */
export const QUICK_SUGGESTIONS = { strings: true, other: true, comments: false } as const;

export const LINE_HEIGHT = 19;

export function editorOptions(
  label: string,
  placeholder: string,
): MonacoApi.editor.IStandaloneEditorConstructionOptions {
  return {
    ariaLabel: label,
    placeholder,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    lineNumbersMinChars: 3,
    fontSize: 13,
    lineHeight: LINE_HEIGHT,
    // In a form, Tab moves to the next control (Ctrl+M toggles, as in VS Code).
    tabFocusMode: true,
    wordBasedSuggestions: 'off',
    quickSuggestions: QUICK_SUGGESTIONS,
    suggestOnTriggerCharacters: true,
    fixedOverflowWidgets: true,
    renderLineHighlightOnlyWhenFocus: true,
    // No overview ruler: in a one-line editor its cursor mark reads as a stray black tick.
    overviewRulerLanes: 0,
    hideCursorInOverviewRuler: true,
    overviewRulerBorder: false,
    scrollbar: { alwaysConsumeMouseWheel: false },
    folding: true,
    stickyScroll: { enabled: false },
    // Bracket-pair colouring re-scans brackets on every edit; in a 5,000-line body that is most
    // of Monaco's per-keystroke cost beyond rendering. Bracket matching stays.
    bracketPairColorization: { enabled: false },
    guides: { bracketPairs: false, indentation: true },
  };
}
