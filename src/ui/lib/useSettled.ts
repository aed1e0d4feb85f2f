import { useCallback, useEffect, useState } from 'react';

/** Texts above this many characters are checked after typing pauses, not on every keystroke. */
export const LARGE_TEXT = 20_000;
const PAUSE_MS = 200;

/**
 * The value to check: the current one when it is small (checks stay instant), else the value once
 * typing has paused. Parsing a 5,000-line body on every keystroke would cost more than a frame;
 * the editor itself stays bound to the live text either way.
 */
export function useSettled<T>(value: T, size: number): T {
  return useSettledWithSettle(value, size)[0];
}

/**
 * {@link useSettled}, plus `settleNow(value)` for a change that must show at once: an edit made
 * through a control that displays the settled value would otherwise flicker back for a moment.
 */
export function useSettledWithSettle<T>(value: T, size: number): [T, (now: T) => void] {
  const [settled, setSettled] = useState(value);
  const large = size > LARGE_TEXT;
  // While small, keep the settled value current (adjusted during render, React's pattern for state
  // derived from props): when the text turns large (a paste), what is shown until typing pauses is
  // the value of a moment ago, not the one of the first render (another operation, even).
  if (!large && settled !== value) setSettled(value);
  useEffect(() => {
    if (!large) return;
    const timer = setTimeout(() => setSettled(value), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value, large]);
  const settleNow = useCallback((now: T) => setSettled(now), []);
  return [large ? settled : value, settleNow];
}
