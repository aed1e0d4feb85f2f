/**
 * The boot shell: the first screen of the explorer as plain HTML, written into index.html at build
 * time (scripts/lib/boot-shell-plugin.ts), so the catalog's first rows are on screen and clickable
 * before any script has run (issue 14: on a slow machine React's first render alone comes after the
 * 0.35 s budget).
 *
 * It copies the markup of the React shell (App, FixedPanes, EndpointsPane, EndpointList) for the
 * bundled catalog browsed without a search, so nothing moves when React takes over: the rows are
 * adopted by the Endpoints pane until the catalog is loaded (boot-shell.ts). Each row is a link to
 * its `#op=` deep link, so a click before the scripts have run opens that operation once they have.
 */
import { operationLabel } from '../../core/catalog/operation';
import type { Operation } from '../../core/catalog/types';
import { badgesOf } from './badges';
import { buildRows, estimatedRowHeight, shortPath } from './rows';

/** Id of the boot shell's root element, a sibling of #root. */
export const BOOT_SHELL_ID = 'boot-shell';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Safe in text and in double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function optionHtml(op: Operation, index: number, top: number): string {
  const label = operationLabel(op);
  const describedBy = `boot-o${index}-d`;
  const badges = badgesOf(op);
  const title = op.summary ? `${label}\n${op.summary}` : label;
  const badgeSpans = badges
    .map(
      (b) =>
        `<span class="badge badge-${b.tone}" title="${escapeHtml(b.words)}" data-text="${escapeHtml(b.text)}"></span>`,
    )
    .join('');
  const summary = op.summary
    ? `<span class="op-summary" data-text="${escapeHtml(op.summary)}" aria-hidden="true"></span>`
    : '';
  const words = `${op.summary ? `${op.summary}, ` : ''}${badges.map((b) => b.words).join(', ')}`;
  return (
    `<a role="option" aria-selected="false" href="#op=${encodeURIComponent(op.id)}" ` +
    `aria-label="${escapeHtml(label)}" aria-describedby="${describedBy}" ` +
    `class="endpoint-row op-row${op.availability === 'not-on-server' ? ' absent' : ''}" ` +
    `style="transform:translateY(${top}px)" title="${escapeHtml(title)}">` +
    `<span class="method method-${op.method.toLowerCase()}" data-text="${op.method === 'DELETE' ? 'DEL' : op.method}" aria-hidden="true"></span>` +
    `<span class="op-line" aria-hidden="true"><span class="op-path${op.deprecated ? ' deprecated' : ''}">${escapeHtml(shortPath(op.path))}</span>` +
    `<span class="op-badges badges">${badgeSpans}</span></span>${summary}` +
    `<span id="${describedBy}" class="sr-only">${escapeHtml(words)}</span></a>`
  );
}

/** The list part: group headers and option rows positioned as the virtualizer places them. */
export function bootRowsHtml(operations: readonly Operation[], maxRows: number): string {
  const { rows } = buildRows(operations, false, new Set());
  const headers: string[] = [];
  const groups: { name: string; options: string[] }[] = [];
  let top = 0;
  let optionIndex = 0;
  for (const row of rows.slice(0, maxRows)) {
    if (row.kind === 'group') {
      headers.push(
        `<div class="endpoint-row group-row" style="transform:translateY(${top}px)">` +
          `<span class="group-toggle"><span aria-hidden="true" class="chevron">▾</span>` +
          `<span class="group-name">${escapeHtml(row.group)}</span><span class="group-count">${row.count}</span></span></div>`,
      );
      groups.push({ name: row.group, options: [] });
    } else {
      groups[groups.length - 1]?.options.push(optionHtml(row.op, optionIndex++, top));
    }
    top += estimatedRowHeight(row);
  }
  const listbox = groups
    .filter((g) => g.options.length > 0)
    .map((g) => `<div role="group" aria-label="${escapeHtml(g.name)}">${g.options.join('')}</div>`)
    .join('');
  return (
    `<div class="endpoint-scroll" data-boot-rows><div class="endpoint-canvas" style="height:${top}px">` +
    `<div class="endpoint-headers">${headers.join('')}</div>` +
    `<div role="listbox" aria-label="Endpoint results" class="endpoint-listbox">${listbox}</div></div></div>`
  );
}

/**
 * Stand-ins for controls React draws (the pane toggle, the server bar, the sign-in form, Collapse all): the same
 * elements with the same classes, so they take the same room, but `inert` (not focusable, not
 * clickable, hidden from assistive technology) until the real ones replace them.
 */
const HEADER_STAND_INS =
  `<button type="button" class="pane-toggle boot-placeholder" inert><span aria-hidden="true">☰</span></button>` +
  `<h1 class="app-title"><span aria-hidden="true" class="app-logo"></span>` +
  `<span><span class="app-title-brand">Rocket.Chat </span>API Explorer</span></h1>` +
  `<div class="server-bar boot-placeholder" inert><label>Server</label>` +
  `<input class="server-input" type="url" placeholder="https://chat.example.com">` +
  `<span class="connection-field"><label>Connection</label>` +
  `<select><option>Explorer proxy</option><option>Direct from browser</option></select></span></div>` +
  // As src/ui/app/AuthStandIn.tsx: the room the sign-in form takes once its code has loaded.
  `<div class="auth-panel boot-placeholder" inert><div class="auth-inline">` +
  `<input class="auth-name" placeholder="Username or email" autocomplete="off">` +
  `<input class="auth-password" placeholder="Password" autocomplete="off">` +
  `<button type="button" class="primary">Sign in</button></div>` +
  `<button type="button" class="auth-toggle">More sign-in options</button></div>`;

/** An empty pane of the main area, titled as React's (the Request and Response panes). */
const mainPane = (title: string): string =>
  `<div class="pane-slot pane-fixed-main"><section class="pane boot-placeholder" inert>` +
  `<h2 class="pane-title">${title}</h2></section></div>`;

/**
 * The whole boot shell: header, the three panes' frame, and the Endpoints pane with its count,
 * the catalog's source line and the first rows. `data-boot-*` mark what the app reads or adopts.
 */
export function bootShellHtml(operations: readonly Operation[], maxRows = 48): string {
  return (
    `<div id="${BOOT_SHELL_ID}" class="app boot-shell">` +
    `<header class="app-header">${HEADER_STAND_INS}</header>` +
    `<main class="panes panes-fixed"><div class="left-column pane-fixed-endpoints"><div class="left-stack">` +
    `<section class="pane endpoints" aria-label="Endpoints">` +
    `<div class="endpoints-head"><h2 class="pane-title">Endpoints</h2></div>` +
    `<input type="search" class="endpoint-search" aria-label="Search endpoints" data-boot-search ` +
    `placeholder="Search endpoints  (Ctrl+K)" autocomplete="off" spellcheck="false">` +
    `<div class="endpoints-bar"><p class="endpoint-count"><span role="status" data-boot-count>${operations.length} endpoints</span></p>` +
    `<button type="button" class="link-button boot-placeholder" inert>Collapse all</button></div>` +
    `<div class="catalog-status" data-boot-status><p class="hint muted">Catalog: ${operations.length} bundled</p></div>` +
    bootRowsHtml(operations, maxRows) +
    `</section></div></div><div class="pane-separator" aria-hidden="true"></div>` +
    mainPane('Request') +
    `<div class="pane-separator" aria-hidden="true"></div>` +
    mainPane('Response') +
    `</main></div>`
  );
}
