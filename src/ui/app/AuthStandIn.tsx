/**
 * What the Authentication region takes while its code loads (the lazy boundary's fallback): the
 * signed-out inline form's elements with its classes (their layout is in theme.css), `inert`, so
 * the header keeps its layout when the real form arrives. The boot shell writes the same into
 * index.html (src/ui/catalog/boot-markup.ts). A plain text box stands in for the password box: an
 * unused password field only invites a password manager.
 */
export function AuthStandIn() {
  return (
    <div className="auth-panel boot-placeholder" inert>
      <div className="auth-inline">
        <input className="auth-name" placeholder="Username or email" autoComplete="off" />
        <input className="auth-password" placeholder="Password" autoComplete="off" />
        <button type="button" className="primary">
          Sign in
        </button>
      </div>
      <button type="button" className="auth-toggle">
        More sign-in options
      </button>
    </div>
  );
}
