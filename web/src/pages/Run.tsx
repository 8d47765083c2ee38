// Run: pick a workflow, drop files, fill the required slots, start; and the list of my jobs.
import { useState, type DragEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api, slotId, type CatalogItem, type JobStatus, type JobView, type Slot, type UploadedFile, type UserWorkflow } from "../api";
import { JOB_STATUSES, listJobs, type JobSummary } from "../jobsList";
import { ErrorNote, filledSlots, formatTime, initialValues, Loading, SlotInput, useLoad } from "../ui";

interface Choice {
  id: string;
  name: string;
  description: string;
  formats: string[];
  slots: Slot[];
}

function fromCatalog(item: CatalogItem): Choice {
  return { id: item.spec_id, name: item.name, description: item.description, formats: item.supported_input_formats, slots: item.required_slots };
}

function fromUserWorkflow(workflow: UserWorkflow): Choice {
  const spec = (workflow as unknown as { specJson?: { requiredSlots?: Slot[]; supportedInputFormats?: string[] } }).specJson ?? {};
  return { id: workflow.workflowId, name: workflow.name, description: workflow.description, formats: spec.supportedInputFormats ?? [], slots: spec.requiredSlots ?? [] };
}

export default function Run() {
  const [params, setParams] = useSearchParams();
  const chosenId = params.get("workflow");
  const catalog = useLoad(() => api<CatalogItem[]>("/workflows/catalog"), []);
  const userWorkflow = useLoad(
    () => (chosenId?.startsWith("uw_") ? api<UserWorkflow>(`/user_workflows/${chosenId}`) : Promise.resolve(null)),
    [chosenId],
  );

  let chosen: Choice | null = null;
  if (chosenId?.startsWith("uw_")) chosen = userWorkflow.data ? fromUserWorkflow(userWorkflow.data) : null;
  else if (chosenId) {
    const item = catalog.data?.find((c) => c.spec_id === chosenId);
    chosen = item ? fromCatalog(item) : null;
  }

  return (
    <div className="columns">
      <section className="card">
        <h1>Run a workflow</h1>
        {catalog.loading && <Loading what="the catalog" />}
        <ErrorNote error={catalog.error} onRetry={catalog.reload} />
        <ul className="choices">
          {catalog.data?.map((item) => (
            <li key={item.spec_id}>
              <button
                type="button"
                className={item.spec_id === chosenId ? "choice chosen" : "choice"}
                onClick={() => setParams({ workflow: item.spec_id })}
                data-spec={item.spec_id}
              >
                <strong>{item.name}</strong>
                <span className="muted small">{item.description}</span>
              </button>
            </li>
          ))}
        </ul>
        <ErrorNote error={userWorkflow.error} />
        {chosen && <StartJob key={chosen.id} choice={chosen} />}
      </section>
      <MyJobs />
    </div>
  );
}

/** The caller's jobs from the server, newest first; a status filter and a page more at a time. */
function MyJobs() {
  const [status, setStatus] = useState<JobStatus | "">("");
  const [more, setMore] = useState<JobSummary[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [moreError, setMoreError] = useState<unknown>(null);
  const first = useLoad(() => {
    setMore([]);
    setCursor(undefined);
    setMoreError(null);
    return listJobs(status, null);
  }, [status]);
  const next = cursor === undefined ? first.data?.cursor : cursor;
  // While another filter loads, show nothing rather than the last filter's jobs.
  const jobs = first.loading ? [] : [...(first.data?.items ?? []), ...more];

  async function loadMore() {
    try {
      const page = await listJobs(status, next ?? null);
      setMore((current) => [...current, ...page.items]);
      setCursor(page.cursor);
    } catch (err) {
      setMoreError(err);
    }
  }

  return (
    <section className="card">
      <h2>My jobs</h2>
      <label htmlFor="job-status-filter">Show</label>{" "}
      <select id="job-status-filter" value={status} onChange={(e) => setStatus(e.target.value as JobStatus | "")}>
        <option value="">all jobs</option>
        {JOB_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s === "slot_needed" ? "waiting for me (slot_needed)" : s}
          </option>
        ))}
      </select>
      {first.loading && <Loading what="your jobs" />}
      <ErrorNote error={first.error} onRetry={first.reload} />
      {first.data && !first.loading && jobs.length === 0 && <p className="muted">{status ? `No ${status} jobs.` : "No jobs yet."}</p>}
      <ul className="rows" data-testid="my-jobs">
        {jobs.map((job) => (
          <li key={job.jobSpecId} data-job={job.jobSpecId}>
            <Link to={`/jobs/${job.jobSpecId}`}>{job.workflowId}</Link>{" "}
            <span className={`badge ${job.status}`}>{job.status}</span>{" "}
            {job.status === "executing" && <span className="muted small">{job.progress}% </span>}
            <span className="muted small">{formatTime(job.createdAt)}</span>
          </li>
        ))}
      </ul>
      <ErrorNote error={moreError} onRetry={loadMore} />
      {next && (
        <button type="button" className="secondary" onClick={loadMore}>
          More jobs
        </button>
      )}
    </section>
  );
}

interface Upload {
  name: string;
  file?: UploadedFile;
  error?: unknown;
}

function StartJob({ choice }: { choice: Choice }) {
  const navigate = useNavigate();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [values, setValues] = useState<Record<string, unknown>>(() => initialValues(choice.slots));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  async function addFiles(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      setUploads((current) => [...current, { name: file.name }]);
      const form = new FormData();
      form.append("file", file, file.name);
      try {
        const uploaded = await api<UploadedFile>("/upload", { method: "POST", form });
        setUploads((current) => current.map((u) => (u.name === file.name && !u.file && !u.error ? { ...u, file: uploaded } : u)));
      } catch (err) {
        setUploads((current) => current.map((u) => (u.name === file.name && !u.file && !u.error ? { ...u, error: err } : u)));
      }
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void addFiles(event.dataTransfer.files);
  }

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const fileIds = uploads.flatMap((u) => (u.file ? [u.file.file_id] : []));
      let job = await api<JobView>("/jobs/goal", { method: "POST", body: { workflowId: choice.id, fileIds } });
      const slots = filledSlots(values);
      if (slots.length > 0) {
        job = await api<JobView>(`/jobs/goal/${job.jobSpecId}/slots`, { method: "PATCH", body: { itemVersion: job.itemVersion, slots } });
      }
      await api<JobView>(`/jobs/goal/${job.jobSpecId}/confirm`, { method: "POST", body: { itemVersion: job.itemVersion } });
      navigate(`/jobs/${job.jobSpecId}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const ready = uploads.length > 0 && uploads.every((u) => u.file);
  return (
    <div className="start">
      <h2>{choice.name}</h2>
      <p>{choice.description}</p>
      <div
        className={dragging ? "dropzone over" : "dropzone"}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop files here{choice.formats.length > 0 && ` (${choice.formats.join(", ")})`}, or</p>
        <input type="file" multiple aria-label="Choose files" onChange={(e) => e.target.files && addFiles(e.target.files)} />
      </div>
      <ul className="rows">
        {uploads.map((u, index) => (
          <li key={`${u.name}-${index}`}>
            {u.name}: {u.file ? `uploaded (${u.file.format}, ${u.file.size_bytes} bytes)` : u.error ? "" : "uploading…"}
            <ErrorNote error={u.error} />
          </li>
        ))}
      </ul>
      {choice.slots.map((slot) => (
        <SlotInput key={slotId(slot)} slot={slot} value={values[slotId(slot)]} onChange={(v) => setValues({ ...values, [slotId(slot)]: v })} />
      ))}
      <ErrorNote error={error} />
      <button type="button" onClick={start} disabled={busy || !ready}>
        {busy ? "Starting…" : "Start"}
      </button>
    </div>
  );
}
