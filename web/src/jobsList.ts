// "My jobs": the server's list (GET /jobs/goal) where it exists, else the jobs started in this browser.
import { api, ApiError, type JobView, type Page } from "./api";

const KEY = "convilyn.jobs";

export function rememberJob(jobId: string): void {
  const known = knownJobIds().filter((id) => id !== jobId);
  localStorage.setItem(KEY, JSON.stringify([jobId, ...known].slice(0, 50)));
}

function knownJobIds(): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export async function myJobs(): Promise<JobView[]> {
  try {
    const page = await api<Page<JobView> | JobView[]>("/jobs/goal", { query: { limit: 50 } });
    return Array.isArray(page) ? page : page.items;
  } catch (error) {
    // Servers without the list endpoint answer 404/405: fall back to what this browser started.
    if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 405)) throw error;
  }
  const jobs = await Promise.all(
    knownJobIds().map((id) =>
      api<JobView>(`/jobs/goal/${id}`).catch((error) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
    ),
  );
  return jobs.filter((job): job is JobView => job !== null);
}
