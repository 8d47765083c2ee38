// One job: live progress and current step, the checkpoint's preview and slots, the download.
import { useCallback, useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { useParams } from "react-router-dom";
import { api, ApiError, slotId, type JobStatusView, type JobView, type Slot } from "../api";
import { ErrorNote, filledSlots, initialValues, Loading, SlotInput, useLoad } from "../ui";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const POLL_MS = 1500;

export default function JobPage() {
  const { jobId = "" } = useParams();
  const job = useLoad(() => api<JobView>(`/jobs/goal/${jobId}`), [jobId]);
  const [status, setStatus] = useState<JobStatusView | null>(null);
  const [pollError, setPollError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (job.data) setStatus(job.data);
  }, [job.data]);

  const moving = !!status && !TERMINAL.has(status.status) && status.status !== "slot_needed" && status.status !== "pending";
  // Follow the job's event stream where the server has one; poll its status where it has not.
  const [mode, setMode] = useState<"events" | "poll">(typeof EventSource === "undefined" ? "poll" : "events");

  const refresh = useCallback(() => {
    api<JobStatusView>(`/jobs/goal/${jobId}/status`)
      .then((next) => {
        setPollError(null);
        setStatus(next);
      })
      .catch((err) => setPollError(err))
      .finally(() => setTick((t) => t + 1));
  }, [jobId]);

  useEffect(() => {
    if (!moving || mode !== "events") return;
    const source = new EventSource(`/api/v1/jobs/goal/${jobId}/events`);
    // The stream replays the job's log from its first event before going live: a status older than the
    // one this page holds (a lower itemVersion) is history, not news, and must not move the page back.
    const onChange = (event: MessageEvent) => {
      const data = JSON.parse(event.data) as Partial<JobStatusView>;
      if (data.status && (data.status === "slot_needed" || TERMINAL.has(data.status))) refresh();
      else
        setStatus((current) => {
          if (!current || (data.itemVersion !== undefined && data.itemVersion < current.itemVersion)) return current;
          return { ...current, ...data, checkpoint: current.checkpoint };
        });
    };
    // A checkpoint or the end: take the job's whole status (its checkpoint, error) from the status route.
    const onTurn = () => refresh();
    source.addEventListener("status", onChange);
    source.addEventListener("progress", onChange);
    for (const type of ["checkpoint", "completed", "failed", "cancelled"]) source.addEventListener(type, onTurn);
    source.onerror = () => {
      // EventSource retries a dropped stream by itself; a refused one (an older server: 404) is closed.
      if (source.readyState === EventSource.CLOSED) setMode("poll");
    };
    return () => source.close();
  }, [jobId, moving, mode, refresh]);

  useEffect(() => {
    if (!moving || mode !== "poll") return;
    const timer = window.setTimeout(refresh, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [moving, mode, refresh, tick, status]);

  if (job.loading && !job.data) return <Loading what="the job" />;
  if (job.error) return <ErrorNote error={job.error} onRetry={job.reload} />;
  if (!status || !job.data) return null;

  return (
    <section className="card">
      <p>
        <Link to="/run">← Run</Link>
      </p>
      <h1>
        Job <code>{jobId}</code>
      </h1>
      <p>
        Workflow <code>{job.data.workflowId}</code> · <span className={`badge ${status.status}`} data-testid="job-status">{status.status}</span>
      </p>
      <div className="progress" aria-label="progress">
        <div style={{ width: `${status.progress}%` }} />
      </div>
      <p className="muted" data-testid="current-step">
        {status.progress}% {status.currentStep ? `· ${status.currentStep}` : ""}
      </p>
      <ErrorNote error={pollError} />
      {status.status === "failed" && <div className="error">The job failed: {status.error ?? "no reason given"}</div>}
      {status.status === "slot_needed" && status.checkpoint && (
        <CheckpointForm key={`${status.checkpoint.checkpointId}-${status.itemVersion}`} jobId={jobId} status={status} known={job.data.slots} onDone={setStatus} reload={job.reload} />
      )}
      {status.status === "completed" && <Download jobId={jobId} />}
      {status.status === "cancelled" && <p className="muted">This job was cancelled: it keeps no outputs.</p>}
      {!TERMINAL.has(status.status) && <CancelJob key={status.itemVersion} jobId={jobId} status={status} onDone={setStatus} reload={job.reload} />}
    </section>
  );
}

interface CheckpointProps {
  jobId: string;
  status: JobStatusView;
  known: Slot[]; // the job's slots with the values filled so far (by this page or anyone else)
  onDone: (s: JobStatusView) => void;
  reload: () => void;
}

function CheckpointForm({ jobId, status, known, onDone, reload }: CheckpointProps) {
  const checkpoint = status.checkpoint!;
  const [values, setValues] = useState<Record<string, unknown>>(() =>
    initialValues(checkpoint.slots.map((s) => ({ ...s, value: known.find((k) => slotId(k) === slotId(s))?.value ?? s.value }))),
  );
  const write = useJobWrite(onDone, reload);

  const answer = () =>
    write.send(async () => {
      let version = status.itemVersion;
      const slots = filledSlots(values);
      if (slots.length > 0) {
        version = (await api<JobView>(`/jobs/goal/${jobId}/slots`, { method: "PATCH", body: { itemVersion: version, slots } })).itemVersion;
      }
      return api<JobView>(`/jobs/goal/${jobId}/confirm`, { method: "POST", body: { itemVersion: version } });
    });

  return (
    <div className="checkpoint">
      <h2>The workflow needs you</h2>
      <pre className="preview">{checkpoint.stepOutputPreview}</pre>
      {checkpoint.slots.map((slot) => (
        <SlotInput key={slotId(slot)} slot={slot} value={values[slotId(slot)]} onChange={(v) => setValues({ ...values, [slotId(slot)]: v })} />
      ))}
      <WriteProblems write={write} />
      <button type="button" onClick={answer} disabled={write.busy}>
        {write.busy ? "Sending…" : "Continue"}
      </button>
    </div>
  );
}

function Download({ jobId }: { jobId: string }) {
  const [error, setError] = useState<unknown>(null);
  const job = useLoad(() => api<JobView>(`/jobs/goal/${jobId}`), [jobId]);
  const link = useRef<HTMLAnchorElement>(null);

  async function download() {
    setError(null);
    try {
      const { url } = await api<{ url: string; expiresAt: string }>(`/jobs/goal/${jobId}/download`);
      // A same-origin signed URL: the browser saves the ZIP it answers with.
      link.current!.href = url;
      link.current!.click();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="done">
      <h2>Done</h2>
      {job.data?.outputFiles && (
        <ul className="rows">
          {job.data.outputFiles.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={download}>
        Download results (ZIP)
      </button>
      <a ref={link} href="#" download={`${jobId}.zip`} hidden>
        download
      </a>
      <ErrorNote error={error} />
    </div>
  );
}

/** Stop a job from any state before it ends (a running step stops at its next step); asks once before. */
function CancelJob({ jobId, status, onDone, reload }: { jobId: string; status: JobStatusView; onDone: (s: JobStatusView) => void; reload: () => void }) {
  const [asking, setAsking] = useState(false);
  const write = useJobWrite(onDone, reload);

  async function cancel() {
    if (await write.send(() => api<JobView>(`/jobs/goal/${jobId}/cancel`, { method: "POST", body: { itemVersion: status.itemVersion } })))
      setAsking(false);
  }

  return (
    <div className="cancel">
      <WriteProblems write={write} />
      {asking ? (
        <p>
          Stop this job? It keeps no outputs.{" "}
          <button type="button" onClick={cancel} disabled={write.busy}>
            {write.busy ? "Cancelling…" : "Yes, cancel the job"}
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            Keep it
          </button>
        </p>
      ) : (
        <button type="button" className="secondary" onClick={() => setAsking(true)}>
          Cancel job
        </button>
      )}
    </div>
  );
}

type JobWrite = ReturnType<typeof useJobWrite>;

/** A write guarded by the job's itemVersion (answer a checkpoint, cancel): busy while it runs; a 409
 * means someone else changed the job first, shown as "this job changed, reload" instead of an error. */
function useJobWrite(onDone: (s: JobStatusView) => void, reload: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [changed, setChanged] = useState(false);

  async function send(write: () => Promise<JobStatusView>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      onDone(await write());
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setChanged(true);
      else setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }

  // The form is keyed by the job's itemVersion: the reloaded job remounts it, which clears `changed`.
  return { busy, error, changed, send, reloadJob: reload };
}

function WriteProblems({ write }: { write: JobWrite }) {
  return (
    <>
      {write.changed && (
        <div className="error" role="alert">
          This job changed, reload.{" "}
          <button type="button" className="link" onClick={write.reloadJob}>
            Reload
          </button>
        </div>
      )}
      <ErrorNote error={write.error} />
    </>
  );
}

