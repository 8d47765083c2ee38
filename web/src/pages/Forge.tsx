// Forge: pick one of my workflows, see the quote, forge its treasure, see the creature.
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api, type ForgeQuote, type Page, type Treasure, type WorkflowSummary } from "../api";
import { useSession } from "../session";
import { ErrorNote, Loading, useLoad } from "../ui";

export default function Forge() {
  const [params, setParams] = useSearchParams();
  const workflowId = params.get("workflow") ?? "";
  const { refresh } = useSession();
  const mine = useLoad(() => api<Page<WorkflowSummary>>("/user_workflows", { query: { limit: 100 } }), []);
  const quote = useLoad(
    () => (workflowId ? api<ForgeQuote>("/forge/quote", { query: { workflowId } }) : Promise.resolve(null)),
    [workflowId],
  );
  const bound = useLoad(
    () => (quote.data?.treasureId ? api<Treasure>(`/treasures/${quote.data.treasureId}`) : Promise.resolve(null)),
    [quote.data?.treasureId],
  );
  const [forged, setForged] = useState<Treasure | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const treasure = forged?.workflowId === workflowId ? forged : bound.data;

  async function forge() {
    setBusy(true);
    setError(null);
    try {
      setForged(await api<Treasure>("/forge/commit", { method: "POST", body: { workflowId } }));
      quote.reload();
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="columns">
      <section className="card">
        <h1>Forge</h1>
        <p>A treasure is a creature bound to one of your workflows for good, drawn from the workflow's id.</p>
        {mine.loading && <Loading what="your workflows" />}
        <ErrorNote error={mine.error} onRetry={mine.reload} />
        <div className="field">
          <label htmlFor="forge-workflow">Workflow</label>
          <select id="forge-workflow" value={workflowId} onChange={(e) => setParams(e.target.value ? { workflow: e.target.value } : {})}>
            <option value="">Choose…</option>
            {mine.data?.items.map((w) => (
              <option key={w.workflowId} value={w.workflowId}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <ErrorNote error={quote.error} onRetry={quote.reload} />
        {quote.data && (
          <div className="quote" data-testid="quote">
            {quote.data.alreadyBound ? (
              <p>This workflow already has its treasure; forging again costs nothing and changes nothing.</p>
            ) : (
              <p>
                Forging costs <strong>{quote.data.cost} U</strong>; you have {quote.data.balance} U.
                {!quote.data.sufficient && " Not enough credits."}
              </p>
            )}
            {!quote.data.alreadyBound && (
              <button type="button" onClick={forge} disabled={busy || !quote.data.sufficient}>
                {busy ? "Forging…" : `Forge for ${quote.data.cost} U`}
              </button>
            )}
          </div>
        )}
        <ErrorNote error={error} />
      </section>
      <section className="card">
        <h2>Treasure</h2>
        <ErrorNote error={bound.error} />
        {treasure ? (
          <div className="treasure">
            {/* As an <img>, the SVG is a picture only: no script in it can run. */}
            <img src={treasure.svgUrl} alt={`Treasure ${treasure.treasureId}`} width={256} height={256} data-testid="treasure-svg" />
            <p className="muted small">
              {treasure.treasureId} · {String(treasure.geneVector.rarity)} · {String(treasure.geneVector.bodyShape)}
            </p>
            <ul className="rows small">
              {Object.entries(treasure.geneVector).map(([k, v]) => (
                <li key={k}>
                  {k}: {String(v)}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="muted">No treasure yet.</p>
        )}
      </section>
    </div>
  );
}
