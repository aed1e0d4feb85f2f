import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateModels, OUTPUT_FILE, serialize, type ModelsFile } from './generate';

describe('models.json (field names per Rocket.Chat model, for editor completion)', () => {
  let generated: ModelsFile;
  // The TypeScript program over core-typings takes a few seconds; more on a busy machine.
  beforeAll(() => {
    generated = generateModels();
  }, 120_000);

  it('is up to date with @rocket.chat/core-typings and the catalog (run: npx tsx scripts/models/generate.ts)', () => {
    expect(readFileSync(OUTPUT_FILE, 'utf8')).toBe(serialize(generated));
  });

  it('lists the fields people query on, with dotted nested names and short type text', () => {
    const user = new Map(generated.models.IUser?.map((f) => [f[0], f]));
    expect(user.get('username')?.[1]).toBe('string');
    expect(user.get('createdAt')?.[1]).toBe('Date');
    expect(user.has('emails.address')).toBe(true);
    const message = new Set(generated.models.IMessage?.map((f) => f[0]));
    expect(message.has('u.username')).toBe(true);
    expect(message.has('rid')).toBe(true);
    for (const fields of Object.values(generated.models)) {
      for (const [, type] of fields) expect(type.length).toBeLessThanOrEqual(80);
    }
  });
});
