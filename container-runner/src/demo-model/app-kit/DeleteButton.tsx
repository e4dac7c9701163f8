import { useState } from "react";

/** Delete in two steps: the first click asks, the second deletes (dialogs may be blocked in the sandbox). */
export function DeleteButton({ label, onDelete }: { label: string; onDelete(): void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)} className="text-sm text-slate-400 hover:text-red-600" aria-label={`Delete ${label}`}>
        Delete
      </button>
    );
  }
  return (
    <span className="flex items-center gap-2 text-sm">
      <button type="button" onClick={onDelete} className="font-medium text-red-600 hover:text-red-700" aria-label={`Confirm deleting ${label}`}>
        Delete?
      </button>
      <button type="button" onClick={() => setAsking(false)} className="text-slate-500 hover:text-slate-700">
        Keep
      </button>
    </span>
  );
}
