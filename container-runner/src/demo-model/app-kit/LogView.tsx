import { DeleteButton } from "./DeleteButton.tsx";
import { EntryDetails } from "./EntryDetails.tsx";
import { fieldOf, formatValue, sumOf, titleOf, toneFor, type AppSpec, type Entry } from "./fields.ts";

interface Props {
  spec: AppSpec;
  entries: Entry[];
  onRemove(id: string): Promise<unknown>;
}

const dayOf = (spec: AppSpec, entry: Entry): string => {
  const dated = spec.fields.find((f) => f.kind === "date");
  const value = dated ? entry[dated.key] : undefined;
  if (typeof value === "string" && value) return value;
  return typeof entry._createdAt === "string" ? entry._createdAt.slice(0, 10) : "";
};

/** Entries newest day first, grouped by day, with each day's totals. */
export function LogView({ spec, entries, onRemove }: Props) {
  const days = new Map<string, Entry[]>();
  for (const entry of entries) {
    const day = dayOf(spec, entry);
    const list = days.get(day);
    if (list) list.push(entry);
    else days.set(day, [entry]);
  }
  const ordered = [...days.entries()].sort(([a], [b]) => b.localeCompare(a));
  const amounts = spec.fields.filter((f) => f.kind === "amount");
  const status = fieldOf(spec, spec.statusKey);
  const dateField = { key: "day", label: "Day", kind: "date" as const };
  return (
    <div className="space-y-6">
      {ordered.map(([day, items]) => (
        <section key={day}>
          <h2 className="flex items-baseline justify-between border-b border-slate-200 pb-1 text-sm font-semibold text-slate-700">
            {day ? formatValue(dateField, day) : "Undated"}
            <span className="text-xs font-normal text-slate-500">
              {items.length} {items.length === 1 ? "entry" : "entries"}
              {amounts.map((f) => ` · ${f.label} ${formatValue(f, sumOf(items, f.key))}`).join("")}
            </span>
          </h2>
          <ul className="mt-2 space-y-2">
            {items.map((entry) => (
              <li
                key={entry._id}
                data-testid="entry"
                className={`flex items-start justify-between gap-3 rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200 ${entry._pending ? "opacity-60" : ""}`}
              >
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {titleOf(spec, entry)}
                    {status && entry[status.key] !== undefined && (
                      <span className={`ml-2 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${toneFor(status, entry[status.key])}`}>{String(entry[status.key])}</span>
                    )}
                  </p>
                  <EntryDetails spec={{ ...spec, fields: spec.fields.filter((f) => f.kind !== "date") }} entry={entry} />
                </div>
                <DeleteButton label={titleOf(spec, entry)} onDelete={() => void onRemove(entry._id)} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
