// Edit one workflow: details, system prompt, the canvas; save with itemVersion (a conflict is shown, never lost);
// publish, archive, delete, export, run, forge.
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ReactFlowProvider } from "@xyflow/react";
import { api, ApiError, forkWorkflow, type Tool, type UserWorkflow, type Visibility } from "../api";
import { useSession } from "../session";
import { ErrorNote, Loading, useLoad, useOpenWorkflow } from "../ui";
import Canvas, { canvasFrom, paletteFrom, type CanvasState } from "./Canvas";

interface Draft {
  name: string;
  description: string;
  tags: string;
  systemPrompt: string;
  canvas: CanvasState;
}

function draftOf(workflow: UserWorkflow): Draft {
  return {
    name: workflow.name,
    description: workflow.description,
    tags: workflow.tags.join(", "),
    systemPrompt: workflow.systemPrompt,
    canvas: canvasFrom(workflow.toolPalette, workflow.canvasLayout),
  };
}

function bodyOf(draft: Draft) {
  return {
    name: draft.name,
    description: draft.description,
    tags: draft.tags.split(",").map((t) => t.trim()).filter(Boolean),
    systemPrompt: draft.systemPrompt,
    ...paletteFrom(draft.canvas),
  };
}

function download(filename: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export default function BuilderEdit() {
  const { workflowId = "" } = useParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const loaded = useLoad(() => api<UserWorkflow>(`/user_workflows/${workflowId}`), [workflowId]);
  const tools = useLoad(() => api<{ items: Tool[] }>("/mcp/tools/catalog"), []);
  const [saved, setSaved] = useState<UserWorkflow | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const [conflict, setConflict] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const openWorkflow = useOpenWorkflow(setError);

  useEffect(() => {
    if (loaded.data) {
      setSaved(loaded.data);
      setDraft(draftOf(loaded.data));
      setConflict(null);
    }
  }, [loaded.data]);

  const onCanvas = useCallback((update: (s: CanvasState) => CanvasState) => setDraft((d) => (d ? { ...d, canvas: update(d.canvas) } : d)), []);
  const dirty = useMemo(() => !!(saved && draft && JSON.stringify(bodyOf(draft)) !== JSON.stringify(bodyOf(draftOf(saved)))), [saved, draft]);

  if (loaded.loading && !loaded.data) return <Loading what="the workflow" />;
  if (loaded.error) return <ErrorNote error={loaded.error} onRetry={loaded.reload} />;
  if (!saved || !draft) return null;
  const mine = me?.userId === saved.ownerId;

  async function patch(body: Record<string, unknown>, itemVersion: number, done: string) {
    setBusy(true);
    setError(null);
    setNotice("");
    try {
      const next = await api<UserWorkflow>(`/user_workflows/${workflowId}`, { method: "PATCH", body: { ...body, itemVersion } });
      setSaved(next);
      setDraft((d) => (d && body.name !== undefined ? draftOf(next) : d));
      setConflict(null);
      setNotice(done);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && typeof err.details.currentItemVersion === "number") {
        setConflict(err.details.currentItemVersion);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  const save = (version = saved.itemVersion) => patch(bodyOf(draft), version, `Saved (version ${version + 1}).`);
  const setVisibility = (visibility: Visibility, done: string) => patch({ visibility }, saved.itemVersion, done);

  async function remove() {
    if (!window.confirm(`Delete "${saved!.name}" for good?`)) return;
    setError(null);
    try {
      await api(`/user_workflows/${workflowId}`, { method: "DELETE" });
      navigate("/builder");
    } catch (err) {
      setError(err);
    }
  }

  async function exportJson() {
    setError(null);
    try {
      const data = await api<unknown>(`/user_workflows/${workflowId}/export`);
      download(`${saved!.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "workflow"}.json`, data);
    } catch (err) {
      setError(err);
    }
  }

  const fork = () => openWorkflow(() => forkWorkflow(workflowId));

  const update = (field: keyof Omit<Draft, "canvas">) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });

  return (
    <section className="card">
      <p>
        <Link to="/builder">← My workflows</Link>
      </p>
      <h1>
        {saved.name} <span className={`badge ${saved.visibility}`} data-testid="visibility">{saved.visibility}</span>
      </h1>
      <p className="muted small">
        {saved.workflowId} · version {saved.itemVersion} · forked from {saved.sourceName} · ♥ {saved.stats.likeCount} · {saved.stats.forkCount} forks · {saved.stats.runCount} runs
      </p>
      {conflict !== null && (
        <div className="error" role="alert" data-testid="conflict">
          Someone saved this workflow meanwhile (now version {conflict}, you edited version {saved.itemVersion}). Your edits are still here.
          <div className="buttons">
            <button type="button" className="secondary" onClick={() => save(conflict)}>
              Save mine over theirs
            </button>
            <button type="button" className="secondary" onClick={loaded.reload}>
              Load theirs (drop mine)
            </button>
          </div>
        </div>
      )}
      <ErrorNote error={error} />
      {notice && <div className="notice" role="status">{notice}</div>}
      <div className="buttons">
        {mine && (
          <button type="button" onClick={() => save()} disabled={busy || !dirty}>
            {dirty ? "Save" : "Saved"}
          </button>
        )}
        {mine && saved.visibility !== "public" && (
          <button type="button" className="secondary" disabled={busy || dirty} title={dirty ? "Save first" : ""} onClick={() => setVisibility("public", "Published to the community.")}>
            Publish
          </button>
        )}
        {mine && saved.visibility === "public" && (
          <button type="button" className="secondary" disabled={busy} onClick={() => setVisibility("archived", "Archived: hidden from the community.")}>
            Archive
          </button>
        )}
        {mine && saved.visibility !== "public" && (
          <button type="button" className="danger" disabled={busy} onClick={remove}>
            Delete
          </button>
        )}
        {mine && (
          <button type="button" className="secondary" onClick={exportJson}>
            Export JSON
          </button>
        )}
        <button type="button" className="secondary" disabled={dirty} onClick={() => navigate(`/run?workflow=${workflowId}`)}>
          Run it
        </button>
        {mine && (
          <button type="button" className="secondary" onClick={() => navigate(`/forge?workflow=${workflowId}`)}>
            Forge
          </button>
        )}
        {!mine && (
          <button type="button" className="secondary" onClick={fork}>
            Fork
          </button>
        )}
      </div>
      <div className="edit-grid">
        <div className="field">
          <label htmlFor="wf-name">Name</label>
          <input id="wf-name" type="text" value={draft.name} onChange={update("name")} readOnly={!mine} maxLength={80} />
        </div>
        <div className="field">
          <label htmlFor="wf-tags">Tags (comma-separated)</label>
          <input id="wf-tags" type="text" value={draft.tags} onChange={update("tags")} readOnly={!mine} />
        </div>
        <div className="field wide">
          <label htmlFor="wf-description">Description</label>
          <textarea id="wf-description" rows={2} value={draft.description} onChange={update("description")} readOnly={!mine} maxLength={500} />
        </div>
        <div className="field wide">
          <label htmlFor="wf-prompt">System prompt</label>
          <textarea id="wf-prompt" rows={6} value={draft.systemPrompt} onChange={update("systemPrompt")} readOnly={!mine} maxLength={8000} />
        </div>
      </div>
      <ErrorNote error={tools.error} onRetry={tools.reload} />
      <ReactFlowProvider>
        <Canvas state={draft.canvas} onChange={onCanvas} tools={tools.data?.items ?? []} editable={mine} />
      </ReactFlowProvider>
    </section>
  );
}
