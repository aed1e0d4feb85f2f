import type { Plugin } from 'vite';
import { createExplorerHandler, type ExplorerHandlerOptions } from '../../src/server/handler';

/**
 * Mounts the explorer server's proxy and /explorer-config.json in Vite's dev server, before Vite's
 * own middlewares, so `npm run dev` behaves like `npm start` for everything but static files.
 * (Vite serves the pages in dev, without the production CSP: React Refresh needs an inline script.)
 */
export function explorerServerPlugin(options: Omit<ExplorerHandlerOptions, 'staticRoot'>): Plugin {
  const handler = createExplorerHandler({ ...options, staticRoot: null });
  return {
    name: 'rocketchat-explorer-server',
    configureServer(server) {
      server.middlewares.use((req, res, next) => handler.handle(req, res, next));
      server.httpServer?.once('close', () => handler.close());
    },
  };
}
