// Small shared pieces: errors shown in words, loading states, the slot input for a typed slot.
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { describeError, slotId, type Slot, type UserWorkflow } from "./api";

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {describeError(error)}
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Load something once (and again on `reload`), keeping its error to show. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    setLoading(true);
    setError(null);
    run()
      .then((value) => setData(value))
      .catch((err) => setError(err))
      .finally(() => setLoading(false));
  }, [run]);
  useEffect(reload, [reload]);
  return { data, setData, error, loading, reload };
}

export function Loading({ what }: { what: string }) {
  return <p className="muted">Loading {what}…</p>;
}

/** One input for a slot, typed by the slot's definition (text, number, boolean, choice). */
export function SlotInput({ slot, value, onChange }: { slot: Slot; value: unknown; onChange: (value: unknown) => void }) {
  const id = `slot-${slotId(slot)}`;
  const label = (
    <label htmlFor={id}>
      {slot.label || slotId(slot)}
      {slot.required && <span className="required"> *</span>}
    </label>
  );
  if (slot.options && slot.options.length > 0) {
    return (
      <div className="field">
        {label}
        <select id={id} value={value === undefined || value === null ? "" : String(value)} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {slot.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (slot.type === "boolean") {
    return (
      <div className="field checkbox">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </div>
    );
  }
  if (slot.type === "number" || slot.type === "integer") {
    return (
      <div className="field">
        {label}
        <input
          id={id}
          type="number"
          step={slot.type === "integer" ? 1 : "any"}
          value={value === undefined || value === null ? "" : String(value)}
          onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
        />
      </div>
    );
  }
  const long = slot.type === "text" || slot.type === "long_text";
  return (
    <div className="field">
      {label}
      {long ? (
        <textarea id={id} rows={4} value={(value as string) ?? ""} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={id} type="text" value={(value as string) ?? ""} onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}

/** What a slot form starts with: a value already filled in, else the slot's default. */
export function initialValues(slots: Slot[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const slot of slots) {
    const value = slot.value ?? slot.default;
    if (value !== undefined && value !== null) values[slotId(slot)] = value;
  }
  return values;
}

/** Slot values to send: only those the person filled in. */
export function filledSlots(values: Record<string, unknown>): { slotId: string; value: unknown }[] {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([id, value]) => ({ slotId: id, value }));
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return "";
  return new Date(value).toLocaleString();
}

/** Run a call that makes a workflow (create, fork, import) and open the result in the Builder;
 * a failure goes to ``onError`` (which is cleared first). */
export function useOpenWorkflow(onError: (error: unknown) => void) {
  const navigate = useNavigate();
  return async (make: () => Promise<UserWorkflow>) => {
    onError(null);
    try {
      const workflow = await make();
      navigate(`/builder/${workflow.workflowId}`);
    } catch (err) {
      onError(err);
    }
  };
}
