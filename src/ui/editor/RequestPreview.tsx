import { useDeferredValue, useMemo } from 'react';
import { displayUrlOf } from '../../core/http/prepare';
import type { RequestDraft } from '../../core/request/draft';

/**
 * The final URL as it will be sent: built from the same path and query as the runner's
 * prepareRequest (query/fields/sort compacted, every parameter encoded exactly once). It never holds
 * credentials: those travel in headers, attached only when the request is sent.
 */
/**
 * Longer URLs show their start and their length: a link's parameters can make a URL of 400 K
 * characters, and a browser lays out all of it (a box 100,000 px tall) in one long task. Nobody
 * reads that far; snippets and Copy link carry the whole URL.
 */
const SHOWN_URL_CHARS = 4000;

export function RequestPreview({ draft: current }: { draft: RequestDraft }) {
  // Deferred: encoding a link's 400 K characters of parameters takes tens of ms, which React then
  // spends in a render of its own instead of the task that switched the operation.
  const draft = useDeferredValue(current);
  const { serverUrl, path, pathParams, params, jsonParams } = draft;
  // Only what the URL is made of: a keystroke in the Body changes the draft, not the URL.
  const url = useMemo(
    () =>
      serverUrl.trim() === '' ? null : displayUrlOf({ serverUrl, path, pathParams, params, jsonParams }),
    [serverUrl, path, pathParams, params, jsonParams],
  );
  return (
    <div className="request-preview">
      <span id="request-url-label" className="json-field-label">
        Request URL
      </span>
      <output aria-labelledby="request-url-label" aria-live="off" className="request-url">
        {url ? (
          <>
            <span className={`method method-${draft.method.toLowerCase()}`}>{draft.method}</span>{' '}
            {url.length > SHOWN_URL_CHARS
              ? `${url.slice(0, SHOWN_URL_CHARS)}… (${url.length.toLocaleString('en')} characters in all)`
              : url}
          </>
        ) : (
          <span className="muted">Enter the server URL to see the request.</span>
        )}
      </output>
    </div>
  );
}
