// Seeded PRNG (sfc32 seeded via splitmix32) so the seed is identical on every start.
import { randomBytes } from 'node:crypto';

export type Rng = () => number;

export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export const int = (rng: Rng, maxExclusive: number): number => Math.floor(rng() * maxExclusive);
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)] as T;

/** Meteor's Random.id alphabet (no 0/1/I/O/l). */
const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

const CODES = Array.from(UNMISTAKABLE, (c) => c.charCodeAt(0));
const idBuf: number[] = [];

/** A flat string (concatenation would build a rope of `length` heap objects per id). */
export function idFrom(rng: Rng, length = 17): string {
  idBuf.length = length;
  for (let i = 0; i < length; i++) idBuf[i] = CODES[Math.floor(rng() * CODES.length)] as number;
  return String.fromCharCode.apply(null, idBuf);
}

/** Cryptographically random id for objects created at runtime. */
export function randomId(length = 17): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += UNMISTAKABLE[(bytes[i] as number) % UNMISTAKABLE.length];
  return out;
}

/** Meteor's Random.secret(): 43 chars of base64url. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url').slice(0, 43);
}
