import { create } from 'zustand';
import type * as Entry from './monaco/monaco-entry';
import type * as Language from './monaco/monaco-language';

/** The lazily loaded Monaco module (editor API + JSON language + our language setup). */
export type MonacoModule = typeof Entry & { setup: typeof Language };

export type MonacoStatus =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'ready'; module: MonacoModule }
  /** Monaco could not be loaded (offline chunk, blocked, old browser): the plain text fields stay. */
  | { phase: 'failed'; reason: string };

/**
 * Monaco in its own small store (as graphiql does): one load for the whole app, started after
 * first paint by the first editor that appears. Editors render a <textarea> until `ready`, and
 * keep it if loading fails, so the explorer works without Monaco.
 */
export const useMonacoStatus = create<MonacoStatus>()(() => ({ phase: 'idle' }));

let loading: Promise<void> | null = null;

/** Loads Monaco once. `importer` exists for tests; the app uses the default dynamic import. */
export function loadMonaco(
  importer: () => Promise<MonacoModule> = async () => {
    const [entry, setup] = await Promise.all([
      import('./monaco/monaco-entry'),
      import('./monaco/monaco-language'),
    ]);
    return { ...entry, setup };
  },
): Promise<void> {
  if (loading) return loading;
  useMonacoStatus.setState({ phase: 'loading' }, true);
  loading = importer().then(
    (module) => {
      module.setup.installLanguage(module.monaco, module.jsonDefaults);
      useMonacoStatus.setState({ phase: 'ready', module }, true);
    },
    (error: unknown) => {
      // Said quietly in the UI (a note under the editors), not in the console: the fallback works.
      const reason = error instanceof Error ? error.message : String(error);
      useMonacoStatus.setState({ phase: 'failed', reason }, true);
    },
  );
  return loading;
}

/** Starts loading once the browser has painted and is idle, so Monaco never delays first paint. */
export function loadMonacoAfterPaint(): void {
  if (loading) return;
  const start = () => void loadMonaco();
  requestAnimationFrame(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
    else setTimeout(start, 0);
  });
}

/** For tests only: forget a previous load. */
export function resetMonacoLoaderForTests(): void {
  loading = null;
  useMonacoStatus.setState({ phase: 'idle' }, true);
}
