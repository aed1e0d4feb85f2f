/**
 * The boot shell at run time. index.html carries the first screen as plain HTML (boot-markup.ts,
 * written by scripts/lib/boot-shell-plugin.ts) so the catalog is usable before any script has run.
 * When React renders:
 *
 * - the Endpoints pane starts from what the person did meanwhile: the text typed in the boot
 *   search box, and its focus and caret (bootSearchText, bootSearchFocus);
 * - until the catalog's data is loaded, the pane adopts the boot rows and status line (moved into
 *   its own tree, not copied: a row being hovered or clicked stays the same element), so the list
 *   does not blink out and back;
 * - App removes the rest of the boot shell in a layout effect: children's layout effects run first,
 *   in the same task as the commit, so there is no frame without the list and none with two.
 *
 * A row clicked before the scripts ran is an `#op=` link: the permalink router opens it.
 */
import { BOOT_SHELL_ID } from './boot-markup';

function bootShell(): HTMLElement | null {
  return typeof document === 'undefined' ? null : document.getElementById(BOOT_SHELL_ID);
}

function bootSearch(): HTMLInputElement | null {
  return bootShell()?.querySelector<HTMLInputElement>('input[data-boot-search]') ?? null;
}

/** What was typed into the boot search box before React rendered ('' when nothing or no shell). */
export function bootSearchText(): string {
  return bootSearch()?.value ?? '';
}

/**
 * Where the caret is in the boot search box when it has the focus (React's box then takes both),
 * null when it does not.
 */
export function bootSearchFocus(): { start: number; end: number } | null {
  const input = bootSearch();
  if (input === null || document.activeElement !== input) return null;
  const end = input.value.length;
  return { start: input.selectionStart ?? end, end: input.selectionEnd ?? end };
}

/** The count the boot shell shows ("569 endpoints"), or null without a boot shell. */
export function bootCountText(): string | null {
  return bootShell()?.querySelector('[data-boot-count]')?.textContent ?? null;
}

/**
 * A node of the boot shell to adopt (`data-boot-rows`, `data-boot-status`): looked up anywhere in
 * the page, since once adopted it lives in React's tree (and StrictMode runs effects twice).
 */
export function bootNode(name: 'rows' | 'status'): HTMLElement | null {
  return typeof document === 'undefined' ? null : document.querySelector<HTMLElement>(`[data-boot-${name}]`);
}

/** Removes what is left of the boot shell (React's own shell is on screen by then). */
export function removeBootShell(): void {
  bootShell()?.remove();
}
