import type * as Validation from '../../core/validation/validate';
import { lazyModule } from '../lib/lazy-module';
import { canCompileAtRuntime } from './csp';

/**
 * The validation module (ajv runtime and the precompiled validators of the bundled catalog) is
 * large: it is loaded when the first operation with parameters is shown, not with the page.
 */
const validation = lazyModule(() =>
  Promise.all([import('../../core/validation/validate'), canCompileAtRuntime()]).then(([module, allowed]) => {
    // Under the strict CSP, imported schemas are left to the server instead of trying `new Function`
    // (which the browser would report as a violation); bundled ones are precompiled either way.
    module.setRuntimeCompilation(allowed);
    return module;
  }),
);

/** The module if it has loaded, for checks made at the moment of a send (outside React). */
export function loadedValidation(): typeof Validation | undefined {
  return validation.current();
}

/** The validation module once loaded; undefined until then or while `enabled` is false. */
export function useValidation(enabled: boolean): typeof Validation | undefined {
  return validation.useModule(enabled);
}
