import { statusLine } from '../../core/http/status-text';
import type { ResponseRecord } from '../../core/http/types';
import type { DocSummary } from './model/document';
import { formatBytes } from './format';

/**
 * Problems with an HTTP answer, each with its cause and the next step: the explorer's proxy
 * failing, a 5xx, an HTML error page, a body that claims JSON but is not. Never a blank pane.
 */
export function ResponseProblems({
  response,
  summary,
}: {
  response: ResponseRecord;
  summary: DocSummary | null;
}) {
  const problems: Array<{ key: string; cause: string; next: string }> = [];
  if (response.proxyError) {
    problems.push({
      key: 'proxy',
      cause: `The explorer's proxy could not complete the call (${response.proxyError.code}): ${response.proxyError.message}`,
      next: 'The request did not reach Rocket.Chat, or its answer did not come back; nothing on the server changed because of it.',
    });
  } else if (response.status >= 500) {
    problems.push({
      key: '5xx',
      cause: `The server failed: ${statusLine(response.status, response.statusText)}${summary?.errorText ? ` (${summary.errorText})` : ''}.`,
      next: 'This is a problem on the server side, not in your request: check the server logs, or try again later. The explorer never retries by itself.',
    });
  }
  if (summary?.html) {
    problems.push({
      key: 'html',
      cause: `The answer is an HTML page (${response.contentType || 'no content type'}, ${formatBytes(response.sizeBytes)}), not JSON.`,
      next: 'Usually an error page from a reverse proxy or a web server in front of Rocket.Chat, or a server URL that is not the Rocket.Chat root (leave /api off the end). It is shown as text in the Raw tab.',
    });
  } else if (summary?.parseError && summary.declaredJson) {
    problems.push({
      key: 'json',
      cause: `The body says it is JSON but is not valid JSON: ${summary.parseError}.`,
      next: 'The Raw tab shows it exactly as received; a proxy or the server cut or changed it.',
    });
  }
  return (
    <>
      {problems.map((p) => (
        <div key={p.key} role="alert" className="alert error">
          <p>{p.cause}</p>
          <p>{p.next}</p>
        </div>
      ))}
      {summary && summary.kind === 'text' && !summary.html && !summary.declaredJson ? (
        <p className="muted hint">
          The body is not JSON ({response.contentType || 'no content type'}): it is shown as text.
        </p>
      ) : null}
    </>
  );
}
