import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * A component whose code loads on first render, behind its own Suspense boundary (showing
 * `fallback`, nothing by default, meanwhile). Used at the boundaries of what the first screen
 * does not need, so the first load carries only the catalog and the request form (issue 14):
 *   const AuthPanel = lazyComponent(() => import('../auth/AuthPanel').then((m) => m.AuthPanel));
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = null,
): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function Deferred(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return Deferred;
}
