// "My jobs": the caller's jobs from GET /jobs/goal, newest first, a page at a time, optionally of one status.
import { api, type JobStatus, type Page } from "./api";

export interface JobSummary {
  jobSpecId: string;
  workflowId: string;
  status: JobStatus;
  progress: number;
  currentStep: string | null;
  itemVersion: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export const JOB_STATUSES: JobStatus[] = ["pending", "confirming", "executing", "slot_needed", "completed", "failed", "cancelled"];

export function listJobs(status: JobStatus | "", cursor: string | null): Promise<Page<JobSummary>> {
  return api<Page<JobSummary>>("/jobs/goal", { query: { limit: 20, status: status || undefined, cursor: cursor ?? undefined } });
}
