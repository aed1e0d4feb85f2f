/** Shared steps of the editor specs: find controls by role and accessible name, type as a person would. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The same steps the auth specs use, under the names these specs already call. */
export { selectOperation, signInAs as signIn } from './auth-helpers';

export function request(page: Page): Locator {
  return page.getByRole('region', { name: 'Request' });
}

export function editor(page: Page, name: 'query' | 'fields' | 'sort' | 'Body'): Locator {
  return request(page).getByRole('textbox', { name, exact: true });
}

/** Monaco's editable element replaced the textarea. */
export async function monacoReady(page: Page, name: 'query' | 'fields' | 'sort' | 'Body') {
  await expect(editor(page, name)).toHaveAttribute('aria-roledescription', 'editor');
}

/** Replaces an editor's text by typing, as a person would (works for Monaco and the textarea). */
export async function typeInto(page: Page, name: 'query' | 'fields' | 'sort' | 'Body', text: string) {
  const box = editor(page, name);
  await box.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  // insertText: one input event, so Monaco's auto-closing brackets and quotes do not double them.
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
}

/**
 * Replaces an editor's text by pasting, as a person brings a large document. (Typed or inserted
 * text reaches Monaco's EditContext one character at a time: 30,000 characters take seconds.)
 */
export async function pasteInto(page: Page, name: 'query' | 'fields' | 'sort' | 'Body', text: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  const box = editor(page, name);
  await box.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+v');
}

/**
 * Monaco's suggestion rows, in the listbox named "Suggest". A row's role is option, or listitem when
 * the user agent says Windows (Monaco's choice for Windows screen readers; Playwright's Desktop
 * Chrome profile has a Windows user agent). Its name reads "<label>, <description>, <kind>".
 */
export function suggestions(page: Page, name?: RegExp): Locator {
  const list = page.getByRole('listbox', { name: 'Suggest' });
  const options = name ? { name } : {};
  return list.getByRole('option', options).or(list.getByRole('listitem', options));
}

/**
 * Hovers the first `key` shown in an editor until Monaco's hover says `text` (the field
 * descriptions of the operation's model appear there). A hover that lands before the JSON worker
 * has answered, or while the mouse already rests there, shows nothing and is not asked again, so
 * the mouse moves away and back until it does.
 */
export async function expectHover(
  page: Page,
  name: 'query' | 'fields' | 'sort' | 'body',
  key: string,
  text: string,
) {
  const span = page.locator(`[data-editor="${name}"] .view-line span`, { hasText: key }).first();
  const hover = page.locator('.monaco-hover').filter({ hasText: text }).first();
  await expect(async () => {
    await page.mouse.move(0, 0);
    await span.hover();
    await expect(hover).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 10_000 });
}

export function requestUrl(page: Page): Locator {
  return request(page)
    .getByRole('status')
    .or(request(page).locator('output'))
    .filter({ hasText: /^(GET|POST|PUT|DELETE) / });
}
