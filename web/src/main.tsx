import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Navigate, NavLink, Route, Routes, useLocation } from "react-router-dom";
import "./styles.css";
import { SessionProvider, useSession } from "./session";
import SignIn from "./pages/SignIn";
import Run from "./pages/Run";
import JobPage from "./pages/JobPage";
import Builder from "./pages/Builder";
import Community from "./pages/Community";
import Forge from "./pages/Forge";
import { ErrorNote, Loading } from "./ui";
import { lazy, Suspense, useState, type ReactNode } from "react";

// The canvas pages carry React Flow: loaded when first opened, so Run and Community start light.
const BuilderEdit = lazy(() => import("./pages/BuilderEdit"));
const CommunityWorkflow = lazy(() => import("./pages/CommunityWorkflow"));

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading what="your session" />;
  if (!me) return <Navigate to="/signin" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

function Header() {
  const { me, signOut } = useSession();
  const [error, setError] = useState<unknown>(null);
  return (
    <header className="top">
      <NavLink to="/run" className="brand">
        Convilyn
      </NavLink>
      <nav>
        <NavLink to="/run">Run</NavLink>
        <NavLink to="/builder">Builder</NavLink>
        <NavLink to="/community">Community</NavLink>
        <NavLink to="/forge">Forge</NavLink>
      </nav>
      <div className="who">
        {me ? (
          <>
            <span title={me.userId}>
              {me.displayName} · {me.tier} · {me.credits} U
            </span>
            <button type="button" className="secondary" onClick={() => signOut().catch(setError)}>
              Sign out
            </button>
          </>
        ) : (
          <NavLink to="/signin">Sign in</NavLink>
        )}
      </div>
      <ErrorNote error={error} />
    </header>
  );
}

function App() {
  return (
    <>
      <Header />
      <main>
        <Suspense fallback={<Loading what="the page" />}>
        <Routes>
          <Route path="/" element={<Navigate to="/run" replace />} />
          <Route path="/signin" element={<SignIn />} />
          <Route path="/run" element={<RequireSignIn><Run /></RequireSignIn>} />
          <Route path="/jobs/:jobId" element={<RequireSignIn><JobPage /></RequireSignIn>} />
          <Route path="/builder" element={<RequireSignIn><Builder /></RequireSignIn>} />
          <Route path="/builder/:workflowId" element={<RequireSignIn><BuilderEdit /></RequireSignIn>} />
          <Route path="/community" element={<Community />} />
          <Route path="/community/:workflowId" element={<CommunityWorkflow />} />
          <Route path="/forge" element={<RequireSignIn><Forge /></RequireSignIn>} />
          <Route path="*" element={<p>No such page. <NavLink to="/run">Go to Run</NavLink></p>} />
        </Routes>
        </Suspense>
      </main>
    </>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <BrowserRouter basename="/app">
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
