import { DeleteButton } from "./DeleteButton.tsx";
import { EntryDetails } from "./EntryDetails.tsx";
import { fieldOf, titleOf, type AppSpec, type Entry } from "./fields.ts";

interface Props {
  spec: AppSpec;
  entries: Entry[];
  onUpdate(id: string, patch: Record<string, unknown>): Promise<unknown>;
  onRemove(id: string): Promise<unknown>;
}

/** One column per workflow step; cards move to the neighbouring step. */
export function BoardView({ spec, entries, onUpdate, onRemove }: Props) {
  const status = fieldOf(spec, spec.statusKey);
  const steps = status?.options ?? [];
  if (!status || steps.length === 0) return <p className="text-sm text-slate-500">This board needs a workflow field with steps.</p>;
  const first = steps[0];
  return (
    <div className="flex snap-x gap-4 overflow-x-auto pb-2">
      {steps.map((step, index) => {
        const cards = entries.filter((e) => e[status.key] === step || (index === 0 && !steps.includes(String(e[status.key]))));
        return (
          <section key={step} aria-label={step} className="w-72 shrink-0 snap-start rounded-2xl bg-slate-100 p-3">
            <h2 className="flex items-center justify-between px-1 text-sm font-semibold text-slate-700">
              {step}
              <span className="rounded-full bg-white px-2 text-xs text-slate-500">{cards.length}</span>
            </h2>
            <ul className="mt-3 space-y-2">
              {cards.map((entry) => (
                <li key={entry._id} data-testid="entry" className={`rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 ${entry._pending ? "opacity-60" : ""}`}>
                  <p className="font-medium text-slate-900">{titleOf(spec, entry)}</p>
                  <EntryDetails spec={spec} entry={entry} />
                  <div className="mt-2 flex items-center justify-between">
                    <div className="flex gap-1">
                      {index > 0 && (
                        <button
                          type="button"
                          className="rounded-md px-2 py-1 text-xs text-slate-600 ring-1 ring-slate-200 hover:bg-slate-50"
                          onClick={() => void onUpdate(entry._id, { [status.key]: steps[index - 1] ?? first })}
                        >
                          ← {steps[index - 1]}
                        </button>
                      )}
                      {index < steps.length - 1 && (
                        <button
                          type="button"
                          className="rounded-md px-2 py-1 text-xs text-slate-600 ring-1 ring-slate-200 hover:bg-slate-50"
                          onClick={() => void onUpdate(entry._id, { [status.key]: steps[index + 1] ?? first })}
                        >
                          {steps[index + 1]} →
                        </button>
                      )}
                    </div>
                    <DeleteButton label={titleOf(spec, entry)} onDelete={() => void onRemove(entry._id)} />
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
