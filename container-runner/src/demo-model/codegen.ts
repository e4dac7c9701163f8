import { readFile } from "node:fs/promises";
import { type AppSpec, SPEC_PATH, specSource } from "./spec.ts";

const KIT = new URL("./app-kit/", import.meta.url);
const SHARED_KIT = ["fields.ts", "FieldInput.tsx", "ItemForm.tsx", "Filters.tsx", "DeleteButton.tsx"];
const VIEW_KIT: Record<AppSpec["layout"], { file: string; component: string; extra: string[] }> = {
  table: { file: "TableView.tsx", component: "TableView", extra: [] },
  board: { file: "BoardView.tsx", component: "BoardView", extra: ["EntryDetails.tsx"] },
  log: { file: "LogView.tsx", component: "LogView", extra: ["EntryDetails.tsx"] },
};

/** The kit files an app needs (its layout's view, the agent panel if it has an agent), as workspace paths. */
export const kitFiles = (spec: Pick<AppSpec, "layout" | "agent" | "integration">): string[] =>
  [...SHARED_KIT, ...VIEW_KIT[spec.layout].extra, VIEW_KIT[spec.layout].file, ...(spec.agent ? ["AgentPanel.tsx"] : []), ...(spec.integration ? ["CrmLookup.tsx"] : [])].map(
    (f) => `src/kit/${f}`,
  );

const RESERVED_TYPES = new Set(["App", "AppSpec", "Entry", "Draft", "FieldSpec", "FilterState", "Record", "Partial", "Date", "Number", "String", "Boolean"]);

/** The TypeScript name of one entry ("expense approval" → ExpenseApproval). */
export function typeNameOf(spec: AppSpec): string {
  const name = spec.item
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9 ]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
  return /^[A-Z][A-Za-z0-9]{0,40}$/.test(name) && !RESERVED_TYPES.has(name) ? name : "Item";
}

function entityType(spec: AppSpec): string {
  const tsType = (kind: string, options?: string[]) =>
    kind === "number" || kind === "amount"
      ? "number"
      : kind === "boolean"
        ? "boolean"
        : kind === "choice" && options
          ? options.map((o) => JSON.stringify(o)).join(" | ")
          : "string";
  const lines = spec.fields.map((f) => `  ${f.key}?: ${tsType(f.kind, f.options)};`);
  return `export type ${typeNameOf(spec)} = {\n${lines.join("\n")}\n};`;
}

function appSource(spec: AppSpec): string {
  const type = typeNameOf(spec);
  const view = VIEW_KIT[spec.layout];
  const viewProps = spec.layout === "log" ? "onRemove={remove}" : "onUpdate={update} onRemove={remove}";
  return `import { useMemo, useState } from "react";
import { useCollection } from "@/lib/second-sdk";
import { APP_SPEC, type ${type} } from "./app-spec.ts";
import { Filters, NO_FILTER, applyFilters, type FilterState } from "./kit/Filters.tsx";
import { ItemForm } from "./kit/ItemForm.tsx";
import { ${view.component} } from "./kit/${view.file}";${spec.agent ? `\nimport { AgentPanel } from "./kit/AgentPanel.tsx";` : ""}${spec.integration ? `\nimport { CrmLookup } from "./kit/CrmLookup.tsx";` : ""}

/** ${spec.title}: the form adds entries, the filters narrow them, the ${spec.layout} shows them live. */
export default function App() {
  const { data, loading, error, insert, ${spec.layout === "log" ? "" : "update, "}remove } = useCollection<${type}>(APP_SPEC.collection);
  const [filter, setFilter] = useState<FilterState>(NO_FILTER);
  const shown = useMemo(() => applyFilters(data, APP_SPEC, filter), [data, filter]);

  return (
    <main className="min-h-screen bg-slate-50 px-4 py-8 text-slate-900 sm:px-6 sm:py-10">
      <div className="mx-auto max-w-5xl space-y-6">
        <header className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h1 className="text-3xl font-semibold tracking-tight">{APP_SPEC.title}</h1>
            <p className="mt-1 text-sm text-slate-500">{APP_SPEC.subtitle}</p>
          </div>
          <p className="text-sm text-slate-500" data-testid="entry-count">
            {data.length} {data.length === 1 ? "entry" : "entries"}
          </p>
        </header>

        <ItemForm spec={APP_SPEC} onAdd={insert} />${spec.agent ? `\n        {APP_SPEC.agent && <AgentPanel spec={APP_SPEC} agent={APP_SPEC.agent} entries={data} />}` : ""}${spec.integration ? `\n        {APP_SPEC.integration && <CrmLookup integration={APP_SPEC.integration} />}` : ""}
        <Filters spec={APP_SPEC} entries={data} filter={filter} onChange={setFilter} />

        {error && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error.message}
          </p>
        )}
        {loading ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : shown.length === 0 ? (
          <p className="rounded-2xl border border-dashed border-slate-300 p-8 text-center text-slate-500">
            {data.length === 0 ? "Nothing here yet. Add the first " + APP_SPEC.item + " above." : "Nothing matches the filters."}
          </p>
        ) : (
          <${view.component} spec={APP_SPEC} entries={shown} ${viewProps} />
        )}
      </div>
    </main>
  );
}
`;
}

/** The files that make the app for a spec: what every layout shares, its view, App.tsx, then the spec last. */
export async function appFiles(spec: AppSpec, only?: "app"): Promise<{ path: string; content: string }[]> {
  const kit = only === "app" ? [] : await Promise.all(kitFiles(spec).map(async (p) => ({ path: p, content: await readFile(new URL(p.slice("src/kit/".length), KIT), "utf8") })));
  return [...kit, { path: "src/App.tsx", content: appSource(spec) }, { path: SPEC_PATH, content: specSource(spec, entityType(spec)) }];
}
