import { useState } from "react";
import { FieldInput } from "./FieldInput.tsx";
import { draftToData, emptyDraft, type AppSpec, type Draft } from "./fields.ts";

interface Props {
  spec: AppSpec;
  onAdd(data: Record<string, unknown>): Promise<unknown>;
}

/** Adds one entry: every field of the spec, checked before it is saved, one submit at a time. */
export function ItemForm({ spec, onAdd }: Props) {
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(spec.fields));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <form
      className="grid gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (saving) return;
        const result = draftToData(spec, draft);
        if ("problem" in result) return setProblem(result.problem);
        setProblem(null);
        setSaving(true);
        onAdd(result.data)
          .then(() => setDraft(emptyDraft(spec.fields)))
          .catch((error: unknown) => setProblem(error instanceof Error ? error.message : "Could not save."))
          .finally(() => setSaving(false));
      }}
    >
      {spec.fields.map((field) => (
        <div key={field.key} className={field.kind === "longtext" ? "sm:col-span-2 lg:col-span-3" : ""}>
          {field.kind !== "boolean" && <span className="mb-1 block text-xs font-medium text-slate-500">{field.label}</span>}
          <FieldInput field={field} value={draft[field.key] ?? ""} onChange={(value) => setDraft({ ...draft, [field.key]: value })} />
        </div>
      ))}
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-3">
        <button type="submit" disabled={saving} className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
          {saving ? "Saving…" : `Add ${spec.item}`}
        </button>
        {problem && (
          <p role="alert" className="text-sm text-red-600">
            {problem}
          </p>
        )}
      </div>
    </form>
  );
}
