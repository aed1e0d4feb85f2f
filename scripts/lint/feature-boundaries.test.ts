import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { featureBoundaries } from './feature-boundaries.js';

// Inside the working directory, so the flat config's `files` pattern applies to these names.
const uiRoot = path.resolve('src/ui');

function problems(file: string, code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
        plugins: { local: { rules: { 'feature-boundaries': featureBoundaries } } },
        rules: { 'local/feature-boundaries': ['error', { uiRoot, shared: ['lib'] }] },
      },
    ],
    path.join(uiRoot, file),
  );
  return messages.map((message) => message.message);
}

describe('feature boundaries', () => {
  it('refuses a static import from inside another feature and names its index instead', () => {
    const found = problems('request/SendBar.ts', "import { send } from '../runner/send';");
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("import it from '../runner'");
  });

  it('refuses deep dynamic imports and re-exports too', () => {
    const deep = [
      "const m = import('../auth/AuthPanel');",
      "export { x } from '../auth/actions';",
      "export * from '../auth/actions';",
    ];
    for (const code of deep) {
      expect(problems('app/App.ts', code)).toEqual([expect.stringContaining("import it from '../auth'")]);
    }
  });

  it("accepts another feature's index, the feature's own files, shared folders and non-UI code", () => {
    expect(problems('request/SendBar.ts', "import { send } from '../runner';")).toEqual([]);
    expect(problems('request/SendBar.ts', "import { send } from '../runner/index';")).toEqual([]);
    expect(problems('response/worker/parse.ts', "import { x } from '../model/document';")).toEqual([]);
    expect(problems('request/SendBar.ts', "import { lazyComponent } from '../lib/lazy-component';")).toEqual(
      [],
    );
    expect(problems('request/SendBar.ts', "import { x } from '../../core/http/headers';")).toEqual([]);
    expect(problems('request/SendBar.ts', "import { x } from 'react';")).toEqual([]);
  });

  it('leaves files outside the UI root alone', () => {
    expect(problems('../server/proxy.ts', "import { x } from '../ui/runner/send';")).toEqual([]);
  });
});
