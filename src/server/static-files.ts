import { createReadStream, promises as fs } from 'node:fs';
import type { Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { chooseEncoding, ENCODING_SUFFIX, type ContentEncoding } from './encoding';
import { sendError } from './errors';
import { pageSecurityHeaders } from './security-headers';

/**
 * Serves the production build. Hashed files under /assets/ are cached for a year; everything else
 * (index.html first) is revalidated on each load so a rebuild shows up at once. Paths without a
 * known file extension that match no file get index.html (client-side routes); a missing asset
 * is a 404, so a broken asset never masquerades as HTML. The build's precompressed `.br` / `.gz`
 * siblings are sent to clients that accept them (see encoding.ts). Source maps stay private
 * unless `sourceMaps` is on: they hold the whole source and add megabytes nobody asked for.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticOptions {
  root: string;
  csp: string;
  /** Serve `*.map` files and point DevTools at them with a SourceMap header (default off). */
  sourceMaps?: boolean;
}

interface Variant {
  file: string;
  stats: Stats;
  encoding: ContentEncoding;
}

export function createStaticHandler(
  options: StaticOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const root = path.resolve(options.root);
  const indexFile = path.join(root, 'index.html');
  const security = pageSecurityHeaders(options.csp);

  async function statFile(file: string): Promise<Stats | null> {
    try {
      const st = await fs.stat(file);
      return st.isFile() ? st : null;
    } catch {
      return null;
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      sendError(
        res,
        'method-not-allowed',
        `${method} is not supported here; the explorer serves files with GET.`,
        {
          Allow: 'GET, HEAD',
        },
      );
      return;
    }
    const rawPath = (req.url ?? '/').split('?')[0]!;
    let pathname: string;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      sendError(res, 'bad-request', 'The URL has malformed percent-encoding.');
      return;
    }
    if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\')) {
      sendError(res, 'bad-request', 'The URL path is malformed.');
      return;
    }
    const normal = path.posix.normalize(pathname);
    let file = path.join(root, normal.endsWith('/') ? `${normal}index.html` : normal);
    if (file !== root && !file.startsWith(root + path.sep)) {
      sendError(res, 'bad-request', 'The URL path leaves the served folder.');
      return;
    }
    const hidden = (options.sourceMaps !== true && normal.endsWith('.map')) || /\.(br|gz)$/.test(normal);
    let st = hidden ? null : await statFile(file);
    if (st === null) {
      // Rocket.Chat paths contain dots (users.list), so only known file types count as files.
      const looksLikeFile =
        hidden || normal.startsWith('/assets/') || path.posix.extname(normal).toLowerCase() in CONTENT_TYPES;
      if (looksLikeFile) {
        sendError(res, 'not-found', `No file ${normal} in this build.`);
        return;
      }
      file = indexFile;
      st = await statFile(file);
      if (st === null) {
        sendText(
          res,
          503,
          'The explorer is not built yet: run `npm run build` (`npm start` builds it for you).\n',
        );
        return;
      }
    }

    const isIndex = file === indexFile;
    const immutable = !isIndex && normal.startsWith('/assets/');
    const variant = await pickVariant(file, st, req.headers['accept-encoding']);
    // One ETag per encoding: a cache must never answer a gzip client with the brotli bytes.
    const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}-${variant.encoding}"`;
    const headers: Record<string, string | number> = {
      ...security,
      'Content-Type': contentTypeFor(file),
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etag,
      'Last-Modified': st.mtime.toUTCString(),
      Vary: 'Accept-Encoding',
    };
    if (variant.encoding !== 'identity') headers['Content-Encoding'] = variant.encoding;
    if (options.sourceMaps === true && /\.(js|css)$/.test(file) && (await statFile(`${file}.map`)) !== null)
      headers.SourceMap = `${path.posix.basename(normal)}.map`;
    if (ifNoneMatch(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    headers['Content-Length'] = variant.stats.size;
    res.writeHead(200, headers);
    if (method === 'HEAD') {
      res.end();
      return;
    }
    pipeline(createReadStream(variant.file), res, () => {
      // Errors here are a client that went away or a file replaced by a rebuild: nothing to report.
    });
  }

  /** The best stored encoding of `file` the client accepts. */
  async function pickVariant(file: string, st: Stats, accept: string | undefined): Promise<Variant> {
    const siblings = new Map<ContentEncoding, Variant>([
      ['identity', { file, stats: st, encoding: 'identity' }],
    ]);
    for (const [encoding, suffix] of Object.entries(ENCODING_SUFFIX) as Array<[ContentEncoding, string]>) {
      const stats = await statFile(file + suffix);
      if (stats !== null) siblings.set(encoding, { file: file + suffix, stats, encoding });
    }
    return siblings.get(chooseEncoding(accept, new Set(siblings.keys()))) ?? siblings.get('identity')!;
  }

  function sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, {
      ...security,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  /** If-None-Match holds a list of ETags or `*` (RFC 9110, weak comparison). */
  function ifNoneMatch(header: string | undefined, etag: string): boolean {
    if (header === undefined) return false;
    if (header.trim() === '*') return true;
    const bare = etag.replace(/^W\//, '');
    return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
  }

  return (req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error while serving a file.\n');
      else res.destroy();
    });
  };
}
