import type { ResponseRecord } from '../../core/http/types';

/** Response headers, one per row, as the browser exposed them. */
export function HeadersView({ response }: { response: ResponseRecord }) {
  if (response.headers.length === 0) {
    return <p className="muted">No headers: what is shown was put together in the explorer, not received.</p>;
  }
  return (
    <>
      {response.transport === 'direct' ? (
        <p className="muted hint">
          Direct cross-origin call: the browser shows only the headers the server exposes (Rocket.Chat exposes
          none of X-RateLimit-* or x-deprecation-*). The proxy shows them all.
        </p>
      ) : null}
      <table className="headers-table">
        <thead>
          <tr>
            <th scope="col">Header</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {response.headers.map(([name, value], index) => (
            <tr key={`${name}-${index}`}>
              <td>{name}</td>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
