import type { FieldSpec } from "./fields.ts";

const inputClass = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-100";

interface Props {
  field: FieldSpec;
  value: string | boolean;
  onChange(value: string | boolean): void;
}

/** The form control for one field, by its kind. */
export function FieldInput({ field, value, onChange }: Props) {
  const text = typeof value === "string" ? value : "";
  switch (field.kind) {
    case "boolean":
      return (
        <label className="flex items-center gap-2 py-2 text-sm text-slate-700">
          <input type="checkbox" className="size-4 rounded border-slate-300" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {field.label}
        </label>
      );
    case "choice":
      return (
        <select aria-label={field.label} className={inputClass} value={text} onChange={(e) => onChange(e.target.value)}>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    case "longtext":
      return <textarea aria-label={field.label} placeholder={field.label} rows={2} className={inputClass} value={text} onChange={(e) => onChange(e.target.value)} />;
    default: {
      const type = field.kind === "amount" || field.kind === "number" ? "number" : field.kind === "date" ? "date" : field.kind === "email" ? "email" : "text";
      return (
        <input
          aria-label={field.label}
          placeholder={field.label}
          type={type}
          step={field.kind === "amount" ? "0.01" : undefined}
          inputMode={field.kind === "amount" ? "decimal" : undefined}
          className={inputClass}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    }
  }
}
