// The community: public workflows, recent or popular, a tag filter, and infinite scroll on the cursor.
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api, type Page, type WorkflowSummary } from "../api";
import { ErrorNote } from "../ui";

const PAGE = 12;

export default function Community() {
  const [params, setParams] = useSearchParams();
  const sort = params.get("sort") === "popular" ? "popular" : "recent";
  const tag = params.get("tag") ?? "";
  const [items, setItems] = useState<WorkflowSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tagInput, setTagInput] = useState(tag);
  const sentinel = useRef<HTMLDivElement>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (from: string | null, reset: boolean) => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await api<Page<WorkflowSummary>>("/user_workflows/community", { query: { sort, tag, limit: PAGE, cursor: from } });
        if (mine !== generation.current) return; // a newer filter superseded this page
        setItems((current) => (reset ? page.items : [...current, ...page.items]));
        setCursor(page.cursor);
        setDone(page.cursor === null);
      } catch (err) {
        if (mine === generation.current) setError(err);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [sort, tag],
  );

  useEffect(() => {
    setItems([]);
    setDone(false);
    void load(null, true);
  }, [load]);

  // Load the next page when the end of the list scrolls into view.
  useEffect(() => {
    const node = sentinel.current;
    if (!node || done || loading || error) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && cursor) void load(cursor, false);
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [cursor, done, loading, error, load]);

  function choose(next: { sort?: string; tag?: string }) {
    const values: Record<string, string> = { sort: next.sort ?? sort };
    const t = next.tag ?? tag;
    if (t) values.tag = t;
    setParams(values);
  }

  return (
    <section className="card">
      <h1>Community</h1>
      <div className="buttons">
        <button type="button" className={sort === "recent" ? "" : "secondary"} onClick={() => choose({ sort: "recent" })}>
          Recent
        </button>
        <button type="button" className={sort === "popular" ? "" : "secondary"} onClick={() => choose({ sort: "popular" })}>
          Popular
        </button>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            choose({ tag: tagInput.trim() });
          }}
        >
          <input type="text" aria-label="Tag" placeholder="Filter by tag" value={tagInput} onChange={(e) => setTagInput(e.target.value)} />
          <button type="submit" className="secondary">
            Filter
          </button>
          {tag && (
            <button type="button" className="link" onClick={() => { setTagInput(""); choose({ tag: "" }); }}>
              clear “{tag}”
            </button>
          )}
        </form>
      </div>
      <ul className="cards">
        {items.map((w) => (
          <li key={w.workflowId} className="summary">
            <Link to={`/community/${w.workflowId}`}>
              <strong>{w.name}</strong>
            </Link>
            <div className="muted small">
              by {w.ownerDisplayName} · ♥ {w.stats.likeCount} · {w.stats.forkCount} forks · from {w.sourceName}
            </div>
            <p>{w.descriptionPreview}</p>
            <div className="tags">
              {w.tags.map((t) => (
                <button type="button" key={t} className="tag" onClick={() => { setTagInput(t); choose({ tag: t }); }}>
                  {t}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <ErrorNote error={error} onRetry={() => load(cursor, items.length === 0)} />
      {loading && <p className="muted">Loading…</p>}
      {done && !loading && <p className="muted small">{items.length === 0 ? "No public workflows here yet." : "That is all."}</p>}
      <div ref={sentinel} data-testid="scroll-end" style={{ height: 1 }} />
    </section>
  );
}
