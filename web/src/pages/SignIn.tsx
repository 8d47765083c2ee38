// Sign in: a one-time link from `convilyn login-link` (its code rides in the URL fragment), or an API key pasted once.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, type Me } from "../api";
import { useSession } from "../session";
import { ErrorNote } from "../ui";

export default function SignIn() {
  const { me, setMe } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [apiKey, setApiKey] = useState("");
  const tried = useRef(false);

  async function exchange(body: { code: string } | { apiKey: string }) {
    setBusy(true);
    setError(null);
    try {
      setMe(await api<Me>("/auth/session", { method: "POST", body }));
      navigate("/run", { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    const code = new URLSearchParams(window.location.hash.slice(1)).get("code");
    if (!code || tried.current) return;
    tried.current = true;
    // Drop the code from the address bar and history before anything else: it is a credential.
    window.history.replaceState(null, "", window.location.pathname);
    void exchange({ code });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function submitKey(event: FormEvent) {
    event.preventDefault();
    const key = apiKey.trim();
    setApiKey("");
    if (key) void exchange({ apiKey: key });
  }

  return (
    <section className="card narrow">
      <h1>Sign in</h1>
      {me && <p>You are signed in as {me.displayName}.</p>}
      {busy && <p className="muted">Signing in…</p>}
      <ErrorNote error={error} />
      <p>
        Open the sign-in link printed by <code>convilyn users create</code> or <code>convilyn login-link USER_ID</code>.
        Each link works once.
      </p>
      <form onSubmit={submitKey}>
        <div className="field">
          <label htmlFor="api-key">Or paste an API key</label>
          <input id="api-key" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder="cvl_…" />
        </div>
        <button type="submit" disabled={busy || !apiKey.trim()}>
          Sign in with the key
        </button>
        <p className="muted small">The key is checked once and not kept by this page; the session lives in a cookie scripts cannot read.</p>
      </form>
    </section>
  );
}
