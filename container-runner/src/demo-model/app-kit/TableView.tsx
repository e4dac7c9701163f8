import { DeleteButton } from "./DeleteButton.tsx";
import { formatValue, sumOf, titleOf, toneFor, type AppSpec, type Entry } from "./fields.ts";

/** The field's choices, plus the stored value when it is no longer one of them (so it is not misshown). */
const choicesWith = (options: string[] | undefined, value: unknown): string[] => {
  const list = options ?? [];
  return typeof value === "string" && value && !list.includes(value) ? [...list, value] : list;
};

interface Props {
  spec: AppSpec;
  entries: Entry[];
  onUpdate(id: string, patch: Record<string, unknown>): Promise<unknown>;
  onRemove(id: string): Promise<unknown>;
}

/** Every entry as a row; workflow and yes/no fields change in place; totals under amounts. */
export function TableView({ spec, entries, onUpdate, onRemove }: Props) {
  const totals = spec.fields.filter((f) => f.kind === "amount");
  return (
    <div className="overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {spec.fields.map((field) => (
              <th key={field.key} className={`px-4 py-3 font-medium ${field.kind === "amount" || field.kind === "number" ? "text-right" : ""}`}>
                {field.label}
              </th>
            ))}
            <th className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={entry._id} data-testid="entry" className={entry._pending ? "text-slate-400" : ""}>
              {spec.fields.map((field) => (
                <td key={field.key} className={`px-4 py-3 ${field.kind === "amount" || field.kind === "number" ? "text-right tabular-nums" : ""}`}>
                  {field.kind === "choice" ? (
                    <select
                      aria-label={`${field.label} of ${titleOf(spec, entry)}`}
                      value={String(entry[field.key] ?? "")}
                      onChange={(e) => void onUpdate(entry._id, { [field.key]: e.target.value })}
                      className={`rounded-full px-2 py-1 text-xs font-medium ring-1 ${toneFor(field, entry[field.key])}`}
                    >
                      {choicesWith(field.options, entry[field.key]).map((option) => (
                        <option key={option} value={option}>
                          {option}
                        </option>
                      ))}
                    </select>
                  ) : field.kind === "boolean" ? (
                    <input
                      type="checkbox"
                      aria-label={`${field.label} of ${titleOf(spec, entry)}`}
                      checked={entry[field.key] === true}
                      onChange={(e) => void onUpdate(entry._id, { [field.key]: e.target.checked })}
                      className="size-4 rounded border-slate-300"
                    />
                  ) : (
                    <span className={field.key === spec.primaryKey ? "font-medium text-slate-900" : "text-slate-600"}>{formatValue(field, entry[field.key])}</span>
                  )}
                </td>
              ))}
              <td className="px-4 py-3 text-right">
                <DeleteButton label={titleOf(spec, entry)} onDelete={() => void onRemove(entry._id)} />
              </td>
            </tr>
          ))}
        </tbody>
        {totals.length > 0 && entries.length > 0 && (
          <tfoot className="border-t border-slate-200 bg-slate-50 text-sm font-medium">
            <tr>
              {spec.fields.map((field, index) => (
                <td key={field.key} className={`px-4 py-3 ${field.kind === "amount" ? "text-right tabular-nums" : "text-slate-500"}`}>
                  {field.kind === "amount" ? formatValue(field, sumOf(entries, field.key)) : index === 0 ? "Total" : ""}
                </td>
              ))}
              <td />
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
