// A public workflow's page: what it is, its canvas (read only), like, comments (plain text, shown verbatim), fork.
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ReactFlowProvider } from "@xyflow/react";
import { api, forkWorkflow, type Comment, type Page, type Tool, type UserWorkflow } from "../api";
import { useSession } from "../session";
import { ErrorNote, formatTime, Loading, useLoad, useOpenWorkflow } from "../ui";
import Canvas, { canvasFrom } from "./Canvas";

export default function CommunityWorkflow() {
  const { workflowId = "" } = useParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const workflow = useLoad(() => api<UserWorkflow>(`/user_workflows/${workflowId}`), [workflowId]);
  const tools = useLoad(() => api<{ items: Tool[] }>("/mcp/tools/catalog"), []);
  const [comments, setComments] = useState<Comment[]>([]);
  const commentPage = useLoad(async () => {
    const page = await api<Page<Comment>>(`/user_workflows/${workflowId}/comments`, { query: { limit: 50 } });
    setComments(page.items);
    return page;
  }, [workflowId]);
  const [moreCursor, setMoreCursor] = useState<string | null | undefined>(undefined);
  const [body, setBody] = useState("");
  const [error, setError] = useState<unknown>(null);
  const openWorkflow = useOpenWorkflow(setError);
  const [commentError, setCommentError] = useState<unknown>(null);
  const [likes, setLikes] = useState<{ liked: boolean; likeCount: number } | null>(null);

  if (workflow.loading && !workflow.data) return <Loading what="the workflow" />;
  if (workflow.error) return <ErrorNote error={workflow.error} onRetry={workflow.reload} />;
  const w = workflow.data!;
  const nextCursor = moreCursor === undefined ? commentPage.data?.cursor : moreCursor;

  async function like() {
    setError(null);
    try {
      setLikes(await api<{ liked: boolean; likeCount: number }>(`/user_workflows/${workflowId}/like`, { method: "POST" }));
    } catch (err) {
      setError(err);
    }
  }

  async function comment(event: FormEvent) {
    event.preventDefault();
    setCommentError(null);
    try {
      const added = await api<Comment>(`/user_workflows/${workflowId}/comments`, { method: "POST", body: { body } });
      setComments((current) => [added, ...current]);
      setBody("");
    } catch (err) {
      setCommentError(err);
    }
  }

  async function more() {
    try {
      const page = await api<Page<Comment>>(`/user_workflows/${workflowId}/comments`, { query: { limit: 50, cursor: nextCursor } });
      setComments((current) => [...current, ...page.items]);
      setMoreCursor(page.cursor);
    } catch (err) {
      setError(err);
    }
  }

  const fork = () => openWorkflow(() => forkWorkflow(workflowId));

  const likeCount = likes?.likeCount ?? w.stats.likeCount;
  return (
    <section className="card">
      <p>
        <Link to="/community">← Community</Link>
      </p>
      <h1>{w.name}</h1>
      <p className="muted small">
        {w.visibility} · {w.stats.forkCount} forks · {w.stats.runCount} runs · forked from {w.sourceName}
      </p>
      <p className="verbatim-text">{w.description}</p>
      <div className="tags">
        {w.tags.map((t) => (
          <Link key={t} className="tag" to={`/community?tag=${encodeURIComponent(t)}`}>
            {t}
          </Link>
        ))}
      </div>
      <ErrorNote error={error} />
      {me ? (
        <div className="buttons">
          <button type="button" className={likes?.liked ? "" : "secondary"} onClick={like} aria-pressed={likes?.liked ?? false} data-testid="like">
            ♥ {likes?.liked ? "Liked" : "Like"} · {likeCount}
          </button>
          <button type="button" className="secondary" onClick={fork}>
            Fork
          </button>
          <button type="button" className="secondary" onClick={() => navigate(`/run?workflow=${workflowId}`)}>
            Run it
          </button>
        </div>
      ) : (
        <p>
          <Link to="/signin">Sign in</Link> to like, comment, fork or run it. ♥ {likeCount}
        </p>
      )}
      <h2>System prompt</h2>
      <pre className="verbatim">{w.systemPrompt}</pre>
      <ReactFlowProvider>
        <Canvas state={canvasFrom(w.toolPalette, w.canvasLayout)} onChange={() => {}} tools={tools.data?.items ?? []} editable={false} />
      </ReactFlowProvider>
      <h2>Comments</h2>
      {me && (
        <form onSubmit={comment}>
          <div className="field">
            <label htmlFor="comment">Add a comment (plain text)</label>
            <textarea id="comment" rows={3} maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          <ErrorNote error={commentError} />
          <button type="submit" disabled={!body.trim()}>
            Comment
          </button>
        </form>
      )}
      <ErrorNote error={commentPage.error} onRetry={commentPage.reload} />
      <ul className="rows comments">
        {comments.map((c) => (
          <li key={c.commentId}>
            {/* Rendered as text: React escapes it, so markup shows as typed and never runs. */}
            <pre className="verbatim comment-body">{c.body}</pre>
            <span className="muted small">
              {c.authorId === me?.userId ? "you" : c.authorId} · {formatTime(c.createdAt)}
            </span>
          </li>
        ))}
      </ul>
      {nextCursor && (
        <button type="button" className="secondary" onClick={more}>
          More comments
        </button>
      )}
    </section>
  );
}
