/**
 * Vite plugin: writes the boot shell (src/ui/catalog/boot-markup.ts) into index.html, just before
 * `<div id="root">`, so the header, the panes' frame and the catalog's first rows are on screen
 * and clickable before any script has run (issue 14: 0.35 s to a usable catalog, which React's
 * first render alone misses on a slow machine). The app adopts the rows and removes the rest when
 * it renders (src/ui/catalog/boot-shell.ts, App.tsx).
 *
 * The rows are those of the bundled catalog as the app shows it before a server has answered:
 * merged with no server (mergeCatalog), browsed without a search. Plain HTML only: the page's CSP
 * forbids inline scripts, and allows the inline `style` attributes the rows are positioned with
 * (style-src 'unsafe-inline', src/server/security-headers.ts), as React positions its own rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { mergeCatalog } from '../../src/core/catalog/merge';
import { operationsFromGenerated } from '../../src/core/catalog/operation';
import type { GeneratedCatalog, Operation } from '../../src/core/catalog/types';
import { bootShellHtml } from '../../src/ui/catalog/boot-markup';
import { REPO_ROOT } from './build-if-stale';

export const BUNDLED_CATALOG_JSON = path.join(REPO_ROOT, 'src/core/catalog/generated/catalog.json');

const ROOT_DIV = /<div id="root"><\/div>/;

/** The operations the Endpoints pane lists first: the bundled catalog, merged with no server. */
export function bootOperations(catalogJson: string): Operation[] {
  const generated = JSON.parse(catalogJson) as GeneratedCatalog;
  return mergeCatalog({ bundled: operationsFromGenerated(generated), server: null });
}

/** index.html with the boot shell before #root; throws when the page has no empty #root. */
export function injectBootShell(html: string, operations: readonly Operation[], maxRows?: number): string {
  if (!ROOT_DIV.test(html))
    throw new Error('index.html has no empty <div id="root"></div> for the boot shell');
  // A function replacement: `$` in the markup (paths, summaries) is not a replacement pattern.
  return html.replace(ROOT_DIV, (root) => `${bootShellHtml(operations, maxRows)}\n    ${root}`);
}

export function bootShellPlugin(catalogFile = BUNDLED_CATALOG_JSON): Plugin {
  return {
    name: 'rocketchat-explorer-boot-shell',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        return injectBootShell(html, bootOperations(readFileSync(catalogFile, 'utf8')));
      },
    },
  };
}
