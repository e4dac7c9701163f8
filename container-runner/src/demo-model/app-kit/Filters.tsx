import { fieldOf, formatValue, type AppSpec, type Entry } from "./fields.ts";

export interface FilterState {
  query: string;
  /** A value of the workflow field, or "" for all. */
  choice: string;
}

export const NO_FILTER: FilterState = { query: "", choice: "" };

export function applyFilters<T extends Entry>(entries: T[], spec: AppSpec, filter: FilterState): T[] {
  const query = filter.query.trim().toLowerCase();
  return entries.filter((entry) => {
    if (filter.choice && spec.statusKey && entry[spec.statusKey] !== filter.choice) return false;
    if (!query) return true;
    return spec.fields.some((field) => formatValue(field, entry[field.key]).toLowerCase().includes(query));
  });
}

interface Props {
  spec: AppSpec;
  entries: Entry[];
  filter: FilterState;
  onChange(filter: FilterState): void;
}

/** Search over every field, plus one chip per workflow step with its count. */
export function Filters({ spec, entries, filter, onChange }: Props) {
  const status = fieldOf(spec, spec.statusKey);
  const chip = (active: boolean) =>
    `rounded-full px-3 py-1 text-sm ring-1 ${active ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-600 ring-slate-200 hover:bg-slate-50"}`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        type="search"
        aria-label="Search"
        placeholder="Search"
        value={filter.query}
        onChange={(e) => onChange({ ...filter, query: e.target.value })}
        className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-indigo-500 sm:w-64"
      />
      {status && spec.layout !== "board" && (
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">Filter by {status.label}</legend>
          <button type="button" className={chip(filter.choice === "")} onClick={() => onChange({ ...filter, choice: "" })}>
            All {entries.length}
          </button>
          {(status.options ?? []).map((option) => (
            <button key={option} type="button" className={chip(filter.choice === option)} onClick={() => onChange({ ...filter, choice: option })}>
              {option} {entries.filter((e) => e[status.key] === option).length}
            </button>
          ))}
        </fieldset>
      )}
    </div>
  );
}
