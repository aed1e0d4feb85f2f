import { useId } from 'react';
import { useExplorerStore } from '../state';
import { isAllowedTarget } from '../runner';

/** Which Rocket.Chat server requests go to, and how (proxy or direct). */
export function ServerBar() {
  const serverUrl = useExplorerStore((state) => state.draft.serverUrl);
  const config = useExplorerStore((state) => state.config);
  const transportMode = useExplorerStore((state) => state.transportMode);
  const { setServerUrl, setTransportMode } = useExplorerStore((state) => state.actions);
  const listId = useId();
  const serverId = useId();
  const modeId = useId();
  const proxyAvailable = Boolean(config?.proxyPath);
  const notAllowed =
    proxyAvailable && transportMode === 'proxy' && serverUrl !== '' && !isAllowedTarget(serverUrl, config);

  return (
    <div className="server-bar">
      <label htmlFor={serverId}>Server</label>
      <input
        id={serverId}
        className="server-input"
        type="url"
        list={listId}
        value={serverUrl}
        placeholder="https://chat.example.com"
        spellCheck={false}
        autoComplete="url"
        onChange={(event) => setServerUrl(event.target.value)}
      />
      <datalist id={listId}>
        {(config?.targets ?? []).map((target) => (
          <option key={target} value={target}>
            {target === config?.sandboxUrl ? 'Embedded sandbox' : target}
          </option>
        ))}
      </datalist>
      {/* Label and select kept together: the header never breaks between them. */}
      <span className="connection-field">
        <label htmlFor={modeId}>Connection</label>
        <select
          id={modeId}
          value={transportMode}
          onChange={(event) => setTransportMode(event.target.value === 'direct' ? 'direct' : 'proxy')}
        >
          <option value="proxy" disabled={!proxyAvailable}>
            Explorer proxy
          </option>
          <option value="direct">Direct from browser</option>
        </select>
      </span>
      {notAllowed ? (
        <p className="hint warning" role="note">
          The proxy only reaches allowed servers. Restart with <code>npm start -- --target {serverUrl}</code>{' '}
          to allow this one.
        </p>
      ) : null}
    </div>
  );
}
