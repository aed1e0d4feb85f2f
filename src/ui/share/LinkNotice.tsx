import { useEffect, useId, useRef } from 'react';
import { useExplorerStore } from '../state';
import { useShareStore } from './share-store';

/**
 * What opening a link needs to say or ask: a damaged link (alert, nothing lost), a link naming
 * another server (asks before switching; nothing is sent either way), an older link format.
 * Shown as a bar fixed at the bottom of the window, so it is seen wherever the panes are scrolled.
 */
export function LinkNotice() {
  const notice = useShareStore((state) => state.notice);
  const dismiss = useShareStore((state) => state.actions.dismiss);
  const setServerUrl = useExplorerStore((state) => state.actions.setServerUrl);
  const titleId = useId();
  const textId = useId();
  const box = useRef<HTMLDivElement>(null);

  // A question needs an answer: move the keyboard there (the box itself, so Enter switches nothing by accident).
  useEffect(() => {
    if (notice?.kind === 'confirm-server') box.current?.focus();
  }, [notice]);

  if (!notice) return null;

  if (notice.kind === 'confirm-server') {
    const current = notice.currentServer || 'no server';
    return (
      <div
        ref={box}
        tabIndex={-1}
        role="alertdialog"
        aria-modal="false"
        aria-labelledby={titleId}
        aria-describedby={textId}
        className="link-notice link-notice-ask"
      >
        <h2 id={titleId} className="link-notice-title">
          This link is for another server
        </h2>
        <p id={textId}>
          It was made for <code>{notice.linkServer}</code>; you are using <code>{current}</code>. The request
          was opened on your server and nothing has been sent. Switch only if you trust that server: what you
          send goes there.
        </p>
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setServerUrl(notice.linkServer);
              dismiss();
            }}
          >
            Switch to {notice.linkServer}
          </button>
          <button type="button" onClick={dismiss}>
            Stay on {current}
          </button>
        </div>
      </div>
    );
  }

  if (notice.kind === 'migrated') {
    return (
      <div role="status" className="link-notice link-notice-info">
        <p>
          This link was made by an older version of the explorer (link format {notice.from}) and was read
          through its update; check the request before sending it.
        </p>
        <button type="button" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    );
  }

  return (
    <div role="alert" className="link-notice link-notice-error">
      <p>
        <strong>The link could not be opened.</strong> {notice.message} Your request was left as it was.
      </p>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
