import { lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';

/** A lazily loaded component that can also be asked to fetch its code ahead of its first render. */
export type LazyComponent<P extends object> = ComponentType<P> & {
  preload(): void;
  /** Settles once its code has loaded or failed to (a failure then shows where it renders). */
  whenSettled(): Promise<void>;
  /** True once whenSettled() has settled. */
  settled(): boolean;
};

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
  let done = false;
  const start = () =>
    (loading ??= load().then(
      (component) => {
        done = true;
        return { default: component };
      },
      (error: unknown) => {
        done = true;
        throw error;
      },
    ));
  const Lazy = lazy(start);
  function Deferred(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  const whenSettled = (): Promise<void> =>
    start().then(
      () => undefined,
      () => {
        // Retried by the render, which shows the error where it belongs.
        loading = null;
      },
    );
  return Object.assign(Deferred, {
    preload: () => void whenSettled(),
    whenSettled,
    settled: () => done,
  });
}

/**
 * Whether a lazy component's code is in (or failed to load), loading it if need be: for a parent
 * that keeps the part's room until it can show it whole, instead of letting it pop in and move
 * what is below (a click aimed there would land on what moved).
 */
export function useLazySettled(component: Pick<LazyComponent<object>, 'settled' | 'whenSettled'>): boolean {
  const [settled, setSettled] = useState(component.settled);
  useEffect(() => {
    if (settled) return;
    let live = true;
    void component.whenSettled().then(() => {
      if (live) setSettled(true);
    });
    return () => {
      live = false;
    };
  }, [component, settled]);
  return settled;
}
