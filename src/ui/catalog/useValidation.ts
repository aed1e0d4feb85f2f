import { useEffect, useState } from 'react';
import type * as Validation from '../../core/validation/validate';
import { canCompileAtRuntime } from './csp';

/** ajv and its formats are ~45 KB gzipped: loaded when the first form is shown, not with the page. */
type ValidationModule = typeof Validation;

export type ValidationState =
  | { status: 'loading' }
  | { status: 'ready'; module: ValidationModule }
  /**
   * The page's Content-Security-Policy forbids compiling validators (ajv needs `new Function`): only
   * the checks that need no compiled schema run (path parameters, Body JSON syntax).
   */
  | { status: 'partial'; module: ValidationModule; reason: string };

let settled: ValidationState | undefined;
let loading: Promise<ValidationState> | undefined;

function load(): Promise<ValidationState> {
  loading ??= canCompileAtRuntime().then(async (allowed): Promise<ValidationState> => {
    const module = await import('../../core/validation/validate');
    settled = allowed
      ? { status: 'ready', module }
      : {
          status: 'partial',
          module,
          reason:
            "Checked here: required path parameters and the Body's JSON. Schema checks need run-time compilation, which this page's Content-Security-Policy forbids; the server still checks.",
        };
    return settled;
  });
  return loading;
}

/** The validation module once loaded, or why it cannot be used here. */
export function useValidation(): ValidationState {
  const [state, setState] = useState<ValidationState>(settled ?? { status: 'loading' });
  useEffect(() => {
    if (state.status !== 'loading') return;
    let alive = true;
    void load().then((next) => {
      if (alive) setState(next);
    });
    return () => {
      alive = false;
    };
  }, [state.status]);
  return state;
}
