import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import { sanitizeDraft, tryEncodePermalink } from '../../core/permalink';
import type { RequestDraft } from '../../core/request/draft';
import { useSelectedOperation } from '../catalog';
import { useExplorerStore } from '../state';
import { addressWithHash, knownSecretsOf } from './hash-route';
import { LinkNotice } from './LinkNotice';
import { ownEntryState } from './router';
import { CopyOutcome, useCopy } from './useCopy';
import './share.css';

// The snippet panel and its generator (httpsnippet-lite) load only when a snippet is asked for.
const SnippetPanel = lazy(() => import('./SnippetPanel'));
const loadSnippets = () => import('../../core/snippets');

/** A chunk that fails to load (the server was updated, the network dropped) is said in words, not a blank app. */
class ChunkBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    if (this.state.failed) {
      return (
        <p role="alert" className="alert">
          The snippet generator could not be loaded. Check the connection to the explorer and reload the page.
        </p>
      );
    }
    return this.props.children;
  }
}

function currentSecrets(): string[] {
  const state = useExplorerStore.getState();
  return knownSecretsOf(state.auth, state.run);
}

/** True when making the link changed something: a secret was typed into the request. */
function hadSecrets(draft: RequestDraft, secrets: readonly string[]): boolean {
  return JSON.stringify(sanitizeDraft(draft, { knownSecrets: secrets })) !== JSON.stringify(draft);
}

/** Slot owned by the share feature: Copy link, Copy as cURL, the Code snippet disclosure, link notices. */
export function ShareBar() {
  const operationLabel = useExplorerStore((state) => state.draft.operationLabel);
  const hasServer = useExplorerStore((state) => state.draft.serverUrl.trim() !== '');
  const op = useSelectedOperation(operationLabel);
  const { state: copyState, copy, fail, reset } = useCopy();
  const [snippetOpen, setSnippetOpen] = useState(false);

  const copyLink = async () => {
    const draft = useExplorerStore.getState().draft;
    const secrets = currentSecrets();
    const encoded = tryEncodePermalink(draft, { knownSecrets: secrets });
    if (!encoded.ok) {
      fail(encoded.error);
      return;
    }
    // The address bar shows the same link, as an entry of our own (a reload is not asked about).
    window.history.replaceState(
      ownEntryState(encoded.fragment),
      '',
      addressWithHash(window.location, encoded.fragment),
    );
    const url = `${window.location.origin}${addressWithHash(window.location, encoded.fragment)}`;
    const note = hadSecrets(draft, secrets)
      ? ' Secrets in the request were replaced by placeholders such as $RC_PASSWORD.'
      : '';
    await copy(url, 'link', `Link copied: it opens this request without sending it.${note}`);
  };

  const copyCurl = async () => {
    const draft = useExplorerStore.getState().draft;
    try {
      const { copyAsCurl } = await loadSnippets();
      const command = await copyAsCurl(draft, {
        auth: op?.auth === false ? 'none' : 'placeholders',
        knownSecrets: currentSecrets(),
      });
      await copy(
        command,
        'cURL command',
        'cURL command copied, with $RC_USER_ID and $RC_AUTH_TOKEN placeholders.',
      );
    } catch (error) {
      fail(
        `The cURL command could not be made: ${error instanceof Error ? error.message : String(error)}. Reload the page and try again.`,
      );
    }
  };

  return (
    <div className="share-bar">
      <LinkNotice />
      <div className="actions share-actions">
        <button type="button" onClick={() => void copyLink()} disabled={!hasServer}>
          Copy link
        </button>
        <button
          type="button"
          onClick={() => void copyCurl()}
          // Start loading the generator as the pointer or focus arrives, so the copy keeps the click's user activation.
          onPointerEnter={() => void loadSnippets()}
          onFocus={() => void loadSnippets()}
          disabled={!hasServer}
        >
          Copy as cURL
        </button>
      </div>
      <CopyOutcome state={copyState} onClose={reset} />
      <details className="snippet-disclosure" onToggle={(event) => setSnippetOpen(event.currentTarget.open)}>
        <summary>Code snippet</summary>
        {snippetOpen ? (
          <ChunkBoundary>
            <Suspense fallback={<p className="hint muted">Loading the snippet generator…</p>}>
              <SnippetPanel needsAuth={op?.auth !== false} />
            </Suspense>
          </ChunkBoundary>
        ) : null}
      </details>
    </div>
  );
}
