import { useEffect, useState } from 'react';
import type * as Validation from '../../core/validation/validate';
import { canCompileAtRuntime } from './csp';

/**
 * The validation module (ajv runtime and the precompiled validators of the bundled catalog) is
 * large: it is loaded when the first operation with parameters is shown, not with the page.
 */
type ValidationModule = typeof Validation;

let settled: ValidationModule | undefined;
let loading: Promise<ValidationModule> | undefined;

function load(): Promise<ValidationModule> {
  loading ??= Promise.all([import('../../core/validation/validate'), canCompileAtRuntime()]).then(
    ([module, allowed]) => {
      // Under the strict CSP, imported schemas are left to the server instead of trying `new Function`
      // (which the browser would report as a violation); bundled ones are precompiled either way.
      module.setRuntimeCompilation(allowed);
      settled = module;
      return module;
    },
  );
  return loading;
}

/** The module if it has loaded, for checks made at the moment of a send (outside React). */
export function loadedValidation(): ValidationModule | undefined {
  return settled;
}

/** The validation module once loaded; undefined until then or while `enabled` is false. */
export function useValidation(enabled: boolean): ValidationModule | undefined {
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
}
