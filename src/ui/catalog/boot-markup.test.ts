import { describe, expect, it } from 'vitest';
import { operationsFromGenerated, operationLabel } from '../../core/catalog/operation';
import type { GeneratedCatalog, Operation } from '../../core/catalog/types';
import catalog from '../../core/catalog/generated/catalog.json';
import { BOOT_SHELL_ID, bootRowsHtml, bootShellHtml, escapeHtml } from './boot-markup';
import { operationIdFromHash } from './deep-link';
import { buildRows, GROUP_ROW_HEIGHT, OP_ROW_HEIGHT } from './rows';

const ops: Operation[] = operationsFromGenerated(catalog as GeneratedCatalog);

function op(fields: Partial<Operation> & Pick<Operation, 'method' | 'path'>): Operation {
  return {
    id: `${fields.method.toLowerCase()}-${fields.path.replace(/^\//, '').replace(/\//g, '-')}`,
    group: 'g',
    pathParams: [],
    paramsIn: 'query',
    schemaSource: 'none',
    coerceTypes: 'array',
    paginated: false,
    auth: true,
    resultKeys: [],
    jsonParams: [],
    availability: 'unknown',
    sources: ['bundled'],
    ...fields,
  };
}

/** Attribute values of every element carrying `attr`, in document order (values unescaped). */
function attrs(html: string, attr: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${attr}="([^"]*)"`, 'g'))].map((m) =>
    m[1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

describe('escapeHtml', () => {
  it('escapes what could end a text node or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeHtml('users.list')).toBe('users.list');
  });
});

describe('bootRowsHtml', () => {
  it('hostile paths, groups and summaries stay text: no element or attribute comes out of them', () => {
    const hostile = [
      op({
        method: 'GET',
        path: '/api/v1/x"><img src=x onerror=alert(1)>',
        group: '</div><script>alert(2)</script>',
        summary: `" onmouseover="alert(3)' <b>bold</b>`,
      }),
      op({ method: 'POST', path: "/api/v1/it's&<y>", group: '</div><script>alert(2)</script>' }),
    ];
    const html = bootRowsHtml(hostile, 48);
    // Every tag, once its quoted values are set aside, is one of the markup's own with its own
    // attributes: nothing from the text opened an element or an attribute.
    const tag = /<([a-z0-9]+)((?:\s[a-z-]+(?:="[^"]*")?)*)>/g;
    const tags = [...html.matchAll(tag)];
    expect(html.replace(tag, '').replace(/<\/(a|div|span)>/g, '')).not.toMatch(/[<>]/);
    const names = new Set(
      tags.flatMap((t) => [...t[2]!.replace(/="[^"]*"/g, '').matchAll(/\s([a-z-]+)/g)].map((m) => m[1])),
    );
    expect([...names].sort()).toEqual(
      [
        'aria-describedby',
        'aria-hidden',
        'aria-label',
        'aria-selected',
        'class',
        'data-boot-rows',
        'data-text',
        'href',
        'id',
        'role',
        'style',
        'title',
      ].sort(),
    );
    expect(new Set(tags.map((t) => t[1]))).toEqual(new Set(['a', 'div', 'span']));
    // The text is all there, escaped, and reads back whole.
    expect(attrs(html, 'aria-label')).toEqual([
      'Endpoint results',
      '</div><script>alert(2)</script>',
      "POST /api/v1/it's&<y>",
      'GET /api/v1/x"><img src=x onerror=alert(1)>',
    ]);
    expect(attrs(html, 'data-text')).toContain(`" onmouseover="alert(3)' <b>bold</b>`);
  });

  it('lays out the first rows as the virtualizer does: group headers, then options, at their heights', () => {
    const maxRows = 48;
    const html = bootRowsHtml(ops, maxRows);
    const { rows } = buildRows(ops, false, new Set());
    const shown = rows.slice(0, maxRows);
    const groups = shown.filter((r) => r.kind === 'group');
    const options = shown.filter((r) => r.kind === 'op');
    expect(html.match(/role="option"/g)).toHaveLength(options.length);
    expect(html.match(/class="endpoint-row group-row"/g)).toHaveLength(groups.length);
    expect(options.length + groups.length).toBe(maxRows);

    // Headers and options are in separate layers; each layer's rows go down in order, and together
    // they tile the canvas without gaps or overlaps.
    const tops = [...html.matchAll(/translateY\((\d+)px\)/g)].map((m) => Number(m[1]));
    const expected: number[] = [];
    let top = 0;
    for (const row of shown) {
      expected.push(top);
      top += row.kind === 'group' ? GROUP_ROW_HEIGHT : OP_ROW_HEIGHT + (row.op.summary ? 17 : 0);
    }
    expect([...tops].sort((a, b) => a - b)).toEqual(expected);
    expect(html).toContain(`class="endpoint-canvas" style="height:${top}px"`);

    // Options: names, order and links as React's list has them.
    const optionLabels = options.map((r) => (r.kind === 'op' ? operationLabel(r.op) : ''));
    expect(attrs(html, 'aria-label').filter((l) => optionLabels.includes(l))).toEqual(optionLabels);
    const ids = attrs(html, 'href').map((href) => operationIdFromHash(href));
    expect(ids).toEqual(options.map((r) => (r.kind === 'op' ? r.op.id : '')));
    // One role=group per domain with options shown (a header may come last, alone), named after it.
    const domains = [...new Set(options.map((r) => (r.kind === 'op' ? r.op.group : '')))];
    expect([...html.matchAll(/role="group" aria-label="([^"]*)"/g)].map((m) => m[1])).toEqual(domains);
  });

  it('an operation id with characters a fragment would change is encoded, and reads back', () => {
    const odd = op({ method: 'GET', path: '/api/v1/a b&op=c#d' });
    const [href] = attrs(bootRowsHtml([odd], 10), 'href');
    expect(href).toMatch(/^#op=[^ #&]+$/);
    expect(operationIdFromHash(href!)).toBe(odd.id);
  });

  it('shows no more rows than asked, and all of a short catalog', () => {
    expect(bootRowsHtml(ops, 5).match(/class="endpoint-row/g)).toHaveLength(5);
    const two = [op({ method: 'GET', path: '/api/v1/a' }), op({ method: 'GET', path: '/api/v1/b' })];
    expect(bootRowsHtml(two, 48).match(/role="option"/g)).toHaveLength(2);
  });
});

describe('bootShellHtml', () => {
  it('one shell with the full count, one search box, one listbox and one Endpoints region', () => {
    const html = bootShellHtml(ops);
    expect(html.startsWith(`<div id="${BOOT_SHELL_ID}" `)).toBe(true);
    expect(html).toContain(`<span role="status" data-boot-count>${ops.length} endpoints</span>`);
    expect(html).toContain(`Catalog: ${ops.length} bundled`);
    expect(html.match(/aria-label="Endpoints"/g)).toHaveLength(1);
    expect(html.match(/role="listbox"/g)).toHaveLength(1);
    expect(html.match(/type="search"/g)).toHaveLength(1);
    expect(html.match(/role="option"/g)?.length).toBeGreaterThan(40);
    // Stand-ins for React's controls are inert: not focusable, not in the accessibility tree.
    for (const standIn of html.match(/<[^>]*boot-placeholder[^>]*>/g) ?? [])
      expect(standIn).toMatch(/\sinert[\s>]/);
    // No script of any kind (the page's CSP forbids inline ones).
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
  });
});
