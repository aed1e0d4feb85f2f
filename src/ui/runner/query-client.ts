import { QueryClient } from '@tanstack/react-query';

/**
 * The app's one query client. No automatic retries or refetches anywhere: against Rocket.Chat a
 * retry spends rate limit and hides the real answer. Exported so the send actions can put a page
 * the explorer already holds on screen without a request.
 */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
});
