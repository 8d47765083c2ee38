// One way to call the Convilyn API from the browser: the session cookie, the CSRF header, errors in words.

export const API = "/api/v1";

export interface FieldError {
  field: string;
  message: string;
  code: string;
}

/** An error from the API's envelope ({code, message, details, errors}), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

const FRIENDLY: Record<number, string> = {
  401: "You are not signed in (or your session ended).",
  402: "Not enough credits.",
  403: "Not allowed.",
  404: "Not found (or not yours).",
  409: "This changed since you loaded it.",
  413: "That file is too large.",
  429: "Too many requests; wait a moment.",
};

/** Words a person can read for any error thrown by `api`. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.errors
      .filter((e) => e.message && !error.message.includes(e.message))
      .map((e) => `${e.field}: ${e.message}`);
    const base = error.message || FRIENDLY[error.status] || `Request failed (${error.status}).`;
    return [base, ...fields].join(" ");
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  form?: FormData;
  query?: Record<string, string | number | undefined | null>;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(API + path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { "X-Convilyn-Web": "1", Accept: "application/json" };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method: options.method ?? "GET", headers, body, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "NETWORK", "The server could not be reached. Is `convilyn serve` running?");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const envelope = (data ?? {}) as { code?: string; message?: string; details?: Record<string, unknown>; errors?: FieldError[] };
    if (response.status === 401) window.dispatchEvent(new Event("convilyn:signed-out"));
    throw new ApiError(
      response.status,
      envelope.code ?? "HTTP_ERROR",
      envelope.message ?? FRIENDLY[response.status] ?? `Request failed (${response.status}).`,
      envelope.details ?? {},
      envelope.errors ?? [],
    );
  }
  return data as T;
}

// ---- Shapes of the API's responses (as /openapi.json declares them) ----

export interface Me {
  userId: string;
  displayName: string;
  tier: "free" | "pro";
  credits: number;
}

export interface Slot {
  slot_id?: string;
  slotId?: string;
  type: string;
  label: string;
  options?: string[] | null;
  required: boolean;
  default?: unknown;
  value?: unknown;
}

export interface CatalogItem {
  spec_id: string;
  name: string;
  description: string;
  supported_input_formats: string[];
  required_slots: Slot[];
  output_files: string[];
  version: string;
}

export type JobStatus = "pending" | "confirming" | "executing" | "slot_needed" | "completed" | "failed" | "cancelled";

export interface Checkpoint {
  checkpointId: string;
  stepOutputPreview: string;
  slots: Slot[];
}

export interface JobStatusView {
  status: JobStatus;
  progress: number;
  currentStep?: string | null;
  itemVersion: number;
  checkpoint?: Checkpoint | null;
  error?: string | null;
}

export interface JobView extends JobStatusView {
  jobSpecId: string;
  workflowId: string;
  slots: Slot[];
  fileIds: string[];
  outputFiles?: string[] | null;
  createdAt: string;
  updatedAt: string;
  completedAt?: string | null;
}

export interface UploadedFile {
  file_id: string;
  filename: string;
  format: string;
  size_bytes: number;
}

export interface Position {
  x: number;
  y: number;
}

export interface PaletteItem {
  toolName: string;
  position?: Position | null;
  note?: string | null;
}

export interface CanvasLayout {
  edges: { from: string; to: string }[];
  viewport: { zoom: number; pan: { x: number; y: number } };
}

export type Visibility = "private" | "public" | "archived";

export interface Stats {
  runCount: number;
  forkCount: number;
  likeCount: number;
}

export interface UserWorkflow {
  workflowId: string;
  ownerId: string;
  specId: string;
  sourceSpecId: string;
  sourceType: string;
  sourceName: string;
  forkedFromId: string | null;
  name: string;
  description: string;
  systemPrompt: string;
  toolPalette: PaletteItem[];
  canvasLayout: CanvasLayout;
  visibility: Visibility;
  tags: string[];
  foundingIntent: string | null;
  stats: Stats;
  createdAt: string;
  updatedAt: string;
  itemVersion: number;
}

export interface WorkflowSummary {
  workflowId: string;
  ownerId: string;
  specId: string;
  name: string;
  descriptionPreview: string;
  visibility: Visibility;
  tags: string[];
  stats: Stats;
  sourceType: string;
  sourceSpecId: string;
  updatedAt: string;
  ownerDisplayName?: string;
  sourceName?: string;
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface Tool {
  toolName: string;
  server: string;
  name: string;
  description: string;
}

export interface Comment {
  commentId: string;
  workflowId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface ForgeQuote {
  workflowId: string;
  cost: number;
  balance: number;
  sufficient: boolean;
  alreadyBound: boolean;
  treasureId?: string | null;
}

export interface Treasure {
  treasureId: string;
  workflowId: string;
  geneHash: string;
  geneVector: Record<string, string | number>;
  svgUrl: string;
  alreadyBound?: boolean;
}

export function slotId(slot: Slot): string {
  return slot.slotId ?? slot.slot_id ?? "";
}

/** Fork a curated spec or a workflow (uw_...) into a private copy of mine. */
export function forkWorkflow(sourceSpecId: string): Promise<UserWorkflow> {
  return api<UserWorkflow>("/user_workflows/fork", { method: "POST", body: { sourceSpecId } });
}
