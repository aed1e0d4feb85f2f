import { useEffect, useState } from 'react';

/**
 * A module loaded on first need, not with the page (it is not needed for the first screen). The
 * same loaded module serves React components (`useModule`) and actions outside React (`current`).
 */
export interface LazyModule<T> {
  /** The module if it has loaded; undefined before. */
  current(): T | undefined;
  /** Starts loading (once) and resolves with the module. */
  load(): Promise<T>;
  /** The module once loaded; starts loading when `enabled`. */
  useModule(enabled: boolean): T | undefined;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let settled: T | undefined;
  let loading: Promise<T> | undefined;
  const load = () =>
    (loading ??= importer().then((module) => {
      settled = module;
      return module;
    }));
  return {
    current: () => settled,
    load,
    useModule(enabled) {
      const [module, setModule] = useState(settled);
      useEffect(() => {
        if (module || !enabled) return;
        let alive = true;
        void load().then((loaded) => {
          if (alive) setModule(loaded);
        });
        return () => {
          alive = false;
        };
      }, [module, enabled]);
      return module;
    },
  };
}
