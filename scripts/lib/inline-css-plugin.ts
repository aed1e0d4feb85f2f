/**
 * Vite plugin: puts the entry's stylesheet into index.html as a `<style>` element instead of a
 * `<link rel="stylesheet">`. A linked stylesheet blocks the first paint until it arrives, and on
 * HTTP/1.1 it queues behind the entry's scripts for the browser's six connections: the boot
 * shell's rows (boot-shell-plugin.ts) stayed unpainted for 230–420 ms although index.html had
 * arrived in 20–50 ms. Inline, they paint as soon as the HTML is parsed (issue 14's 0.35 s).
 * The page's CSP allows inline styles (style-src 'unsafe-inline', src/server/security-headers.ts).
 */
import type { OutputBundle } from 'rolldown';
import type { Plugin } from 'vite';

const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*?\bhref="\/(assets\/[^"]+\.css)"[^>]*>/g;

/** `html` with each linked stylesheet found in `bundle` written inline; throws on CSS it cannot inline safely. */
export function inlineStylesheets(html: string, bundle: OutputBundle): string {
  return html.replace(STYLESHEET_LINK, (link, fileName: string) => {
    const asset = bundle[fileName];
    if (asset?.type !== 'asset') return link;
    const css = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
    // `</style` would end the element early; a relative url() would resolve against / instead of /assets/.
    if (/<\/style/i.test(css)) throw new Error(`${fileName} contains "</style" and cannot be inlined`);
    if (/url\(\s*["']?(?!data:|\/|#)/i.test(css))
      throw new Error(`${fileName} has a relative url() that would break inline`);
    return `<style>${css.trim()}</style>`;
  });
}

export function inlineCssPlugin(): Plugin {
  return {
    name: 'rocketchat-explorer-inline-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return ctx.bundle ? inlineStylesheets(html, ctx.bundle) : html;
      },
    },
  };
}
