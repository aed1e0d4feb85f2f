/**
 * Hostile link data for tests and benchmarks (imported by no app code).
 *
 * `expansionBomb` writes lz-string's URI-safe format directly (its compressor takes seconds to make
 * the same): one literal, then `codes` codes each naming the entry being defined, so entry k is
 * k + 1 characters long and the output grows as codes²/2. 3,800 codes make 7.2 million characters
 * from 7,300 link characters, under the 8,192-character fragment limit.
 */
import { LINK_ALPHABET } from './unpack';

export function expansionBomb(codes: number, letter = 'x'): string {
  const bits: number[] = [];
  const write = (value: number, width: number): void => {
    for (let i = 0; i < width; i++) bits.push((value >> i) & 1);
  };
  write(0, 2);
  write(letter.charCodeAt(0) & 0xff, 8);
  let size = 4;
  let width = 3;
  let untilWider = 4;
  for (let k = 0; k < codes; k++) {
    write(size, width);
    size++;
    if (--untilWider === 0) untilWider = 2 ** width++;
  }
  write(2, width);
  while (bits.length % 6 !== 0) bits.push(0);
  let data = '';
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let b = 0; b < 6; b++) v = (v << 1) | bits[i + b]!;
    data += LINK_ALPHABET[v];
  }
  return data;
}
