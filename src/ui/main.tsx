import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadBundledCatalog } from '../core/catalog/operation';
import { App } from './app/App';
import { explorerConfigQuery } from './app/useExplorerConfig';
import { queryClient } from './runner/query-client';
import './app/theme.css';
import './app/controls.css';

// The catalog's data is requested now, while React renders the shell, not after the first render
// (issue 14: the first endpoint row waited for a request that only started then).
void loadBundledCatalog();
// So is the explorer's config: until it is read, the app does not know which server it is on.
void queryClient.prefetchQuery(explorerConfigQuery);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
