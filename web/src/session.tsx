// Who is signed in: asked of the server (the session lives in an HttpOnly cookie the page cannot read).
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api, ApiError, type Me } from "./api";

interface SessionState {
  me: Me | null;
  loading: boolean;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  setMe: (me: Me | null) => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      setMe(await api<Me>("/auth/me"));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null);
      else throw error;
    } finally {
      setLoading(false);
    }
  }, []);

  const signOut = useCallback(async () => {
    await api("/auth/session", { method: "DELETE" });
    setMe(null);
  }, []);

  useEffect(() => {
    refresh().catch(() => setLoading(false));
    const onSignedOut = () => setMe(null);
    window.addEventListener("convilyn:signed-out", onSignedOut);
    return () => window.removeEventListener("convilyn:signed-out", onSignedOut);
  }, [refresh]);

  return <SessionContext.Provider value={{ me, loading, refresh, signOut, setMe }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}
