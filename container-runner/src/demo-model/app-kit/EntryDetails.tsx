import { formatValue, type AppSpec, type Entry } from "./fields.ts";

/** The fields of an entry other than its name (and the workflow field, which cards show apart). */
export function EntryDetails({ spec, entry }: { spec: AppSpec; entry: Entry }) {
  const shown = spec.fields.filter((f) => f.key !== spec.primaryKey && f.key !== spec.statusKey && entry[f.key] !== undefined && entry[f.key] !== "");
  if (shown.length === 0) return null;
  return (
    <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-500">
      {shown.map((field) => (
        <div key={field.key} className="flex gap-1">
          <dt className="text-slate-400">{field.label}</dt>
          <dd className={field.kind === "amount" || field.kind === "number" ? "tabular-nums" : ""}>{formatValue(field, entry[field.key])}</dd>
        </div>
      ))}
    </dl>
  );
}
