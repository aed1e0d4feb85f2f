import type { OutputBundle } from 'rolldown';
import { expect, it } from 'vitest';
import { inlineStylesheets } from './inline-css-plugin';

/** A bundle holding one CSS asset, as Vite hands it to transformIndexHtml during a build. */
function bundleWith(fileName: string, source: string | Uint8Array): OutputBundle {
  return { [fileName]: { type: 'asset', fileName, source } } as unknown as OutputBundle;
}

const LINK = '<link rel="stylesheet" crossorigin href="/assets/index-x.css">';

it('writes the linked entry stylesheet inline, in place of its link', () => {
  const html = `<head><title>t</title>${LINK}</head>`;
  expect(inlineStylesheets(html, bundleWith('assets/index-x.css', 'body{color:red}\n'))).toBe(
    '<head><title>t</title><style>body{color:red}</style></head>',
  );
  const bytes = new TextEncoder().encode('a{b:c}');
  expect(inlineStylesheets(LINK, bundleWith('assets/index-x.css', bytes))).toBe('<style>a{b:c}</style>');
});

it('leaves a stylesheet that is not in the bundle linked', () => {
  expect(inlineStylesheets(LINK, bundleWith('assets/other.css', 'a{}'))).toBe(LINK);
});

it('refuses CSS that would end the element early or whose relative url() would break', () => {
  expect(() => inlineStylesheets(LINK, bundleWith('assets/index-x.css', 'a{content:"</style>"}'))).toThrow(
    /<\/style/,
  );
  expect(() =>
    inlineStylesheets(LINK, bundleWith('assets/index-x.css', 'a{background:url(./x.png)}')),
  ).toThrow(/relative url\(\)/);
  expect(
    inlineStylesheets(LINK, bundleWith('assets/index-x.css', 'a{background:url(data:image/png;base64,AA)}')),
  ).toBe('<style>a{background:url(data:image/png;base64,AA)}</style>');
});
