import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/** A lazily loaded component that can also be asked to fetch its code ahead of its first render. */
export type LazyComponent<P extends object> = ComponentType<P> & { preload(): void };

/**
 * A component whose code loads on first render, behind its own Suspense boundary (showing
 * `fallback`, nothing by default, meanwhile). Used at the boundaries of what the first screen
 * does not need, so the first load carries only the catalog and the request form (issue 14):
 *   const AuthPanel = lazyComponent(() => import('./Panel').then((m) => m.Panel));
 * `preload()` starts the download early (e.g. while a request is on its way), so the part does
 * not pop in later and move what is under it.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = null,
): LazyComponent<P> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () => (loading ??= load().then((component) => ({ default: component })));
  const Lazy = lazy(start);
  function Deferred(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return Object.assign(Deferred, {
    preload: () => {
      // A failed preload is retried by the render, which shows the error where it belongs.
      start().catch(() => {
        loading = null;
      });
    },
  });
}
