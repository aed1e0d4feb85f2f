/**
 * Content negotiation for the static files: the build writes `<file>.br` and `<file>.gz` next to
 * each compressible asset (scripts/lib/precompress.ts), and the server picks one from the
 * request's Accept-Encoding. Brotli first (smallest), then gzip, then the file itself.
 */

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** Suffix of the precompressed sibling written by the build, per encoding. */
export const ENCODING_SUFFIX: Record<Exclude<ContentEncoding, 'identity'>, string> = {
  br: '.br',
  gzip: '.gz',
};

/** Our order of preference when the client weighs several encodings equally. */
const PREFERENCE: readonly ContentEncoding[] = ['br', 'gzip', 'identity'];

/** Parses Accept-Encoding into the q-value per coding (lower-case; `*` kept as is). */
export function parseAcceptEncoding(header: string | undefined): Map<string, number> {
  const weights = new Map<string, number>();
  if (header === undefined) return weights;
  for (const part of header.split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const name = rawName.trim().toLowerCase();
    if (name === '') continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
      if (match !== null) {
        const value = Number(match[1]);
        q = Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
      }
    }
    weights.set(name, q);
  }
  return weights;
}

/**
 * The encoding to send among those `available` (identity always is). A missing header means any
 * encoding is acceptable, but identity is the safe choice then. When the client refuses every
 * encoding we have, identity is sent anyway, as RFC 9110 section 12.5.3 allows: an unreadable
 * 406 helps nobody open a page.
 */
export function chooseEncoding(
  header: string | undefined,
  available: ReadonlySet<ContentEncoding>,
): ContentEncoding {
  if (header === undefined) return 'identity';
  const weights = parseAcceptEncoding(header);
  const star = weights.get('*');
  const weightOf = (coding: ContentEncoding): number => {
    const explicit = weights.get(coding) ?? (coding === 'gzip' ? weights.get('x-gzip') : undefined);
    if (explicit !== undefined) return explicit;
    if (star !== undefined) return star;
    // Identity is acceptable unless refused explicitly or through `*;q=0`, but only as the last
    // resort: a client that lists any coding we have would rather have it.
    return coding === 'identity' ? 0.001 : 0;
  };
  let best: ContentEncoding = 'identity';
  let bestWeight = 0;
  for (const coding of PREFERENCE) {
    if (coding !== 'identity' && !available.has(coding)) continue;
    const weight = weightOf(coding);
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}
