import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMonaco, resetMonacoLoaderForTests, useMonacoStatus, type MonacoModule } from './monaco-loader';

afterEach(() => resetMonacoLoaderForTests());

function fakeModule(install: () => void): MonacoModule {
  return { monaco: {}, jsonDefaults: {}, setup: { installLanguage: install } } as unknown as MonacoModule;
}

describe('loadMonaco', () => {
  it('loads once, installs the language once, then reports ready', async () => {
    const install = vi.fn();
    const importer = vi.fn(async () => fakeModule(install));
    const first = loadMonaco(importer);
    expect(useMonacoStatus.getState().phase).toBe('loading');
    await Promise.all([first, loadMonaco(importer)]);
    expect(importer).toHaveBeenCalledTimes(1);
    expect(install).toHaveBeenCalledTimes(1);
    expect(useMonacoStatus.getState().phase).toBe('ready');
  });

  it('a failed load leaves the text fields in place and says why, without console errors', async () => {
    const consoleError = vi.spyOn(console, 'error');
    await loadMonaco(async () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    expect(useMonacoStatus.getState()).toEqual({
      phase: 'failed',
      reason: 'Failed to fetch dynamically imported module',
    });
    expect(consoleError).not.toHaveBeenCalled();
  });
});
