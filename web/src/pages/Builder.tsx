// Builder home: my workflows, start blank, fork a curated workflow, import an export file.
import { useState, type ChangeEvent } from "react";
import { Link } from "react-router-dom";
import { api, forkWorkflow, type CatalogItem, type Page, type UserWorkflow, type WorkflowSummary } from "../api";
import { ErrorNote, formatTime, Loading, useLoad, useOpenWorkflow } from "../ui";

export default function Builder() {
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState("");
  const [source, setSource] = useState("");
  const [pages, setPages] = useState<WorkflowSummary[][]>([]);
  const first = useLoad(async () => {
    const page = await api<Page<WorkflowSummary>>("/user_workflows", { query: { limit: 20 } });
    setPages([page.items]);
    return page;
  }, []);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const catalog = useLoad(() => api<CatalogItem[]>("/workflows/catalog"), []);
  const nextCursor = cursor === undefined ? first.data?.cursor : cursor;

  const act = useOpenWorkflow(setError);

  async function more() {
    try {
      const page = await api<Page<WorkflowSummary>>("/user_workflows", { query: { limit: 20, cursor: nextCursor } });
      setPages((current) => [...current, page.items]);
      setCursor(page.cursor);
    } catch (err) {
      setError(err);
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch {
      setError(new Error(`${file.name} is not a JSON file.`));
      return;
    }
    await act(() => api<UserWorkflow>("/user_workflows/import", { method: "POST", body: data }));
  }

  const items = pages.flat();
  return (
    <div className="columns">
      <section className="card">
        <h1>My workflows</h1>
        {first.loading && <Loading what="your workflows" />}
        <ErrorNote error={first.error} onRetry={first.reload} />
        {first.data && items.length === 0 && <p className="muted">None yet: start blank, fork one, or import a file.</p>}
        <ul className="rows">
          {items.map((w) => (
            <li key={w.workflowId}>
              <Link to={`/builder/${w.workflowId}`}>{w.name}</Link> <span className={`badge ${w.visibility}`}>{w.visibility}</span>
              <div className="muted small">
                {w.descriptionPreview} · updated {formatTime(w.updatedAt)} · ♥ {w.stats.likeCount}
              </div>
            </li>
          ))}
        </ul>
        {nextCursor && (
          <button type="button" className="secondary" onClick={more}>
            More
          </button>
        )}
      </section>
      <section className="card">
        <h2>New workflow</h2>
        <ErrorNote error={error} />
        <div className="field">
          <label htmlFor="blank-name">Start blank</label>
          <input id="blank-name" type="text" value={name} placeholder="Name" onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="button" disabled={!name.trim()} onClick={() => act(() => api<UserWorkflow>("/user_workflows", { method: "POST", body: { name: name.trim() } }))}>
          Create blank
        </button>
        <div className="field">
          <label htmlFor="fork-source">Fork a curated workflow</label>
          <select id="fork-source" value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">Choose…</option>
            {catalog.data?.map((item) => (
              <option key={item.spec_id} value={item.spec_id}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <ErrorNote error={catalog.error} />
        <button type="button" disabled={!source} onClick={() => act(() => forkWorkflow(source))}>
          Fork
        </button>
        <div className="field">
          <label htmlFor="import-file">Import an exported workflow (JSON)</label>
          <input id="import-file" type="file" accept="application/json,.json" onChange={importFile} />
        </div>
        <p className="muted small">
          Or fork a public workflow from the <Link to="/community">community</Link>.
        </p>
      </section>
    </div>
  );
}
