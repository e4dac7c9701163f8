/**
 * The app the offline demo model builds: a lead tracker on useCollection. The first version has a
 * deliberate type error (BROKEN_LINE) so the demo shows the build failing and the fix.
 */
export const BROKEN_LINE = "  const openCount: number = leads.filter((l) => l.status !== \"won\").length.toString();";
export const FIXED_LINE = "  const openCount: number = leads.filter((l) => l.status !== \"won\").length;";

export const LEAD_TRACKER_APP = `import { useState } from "react";
import { useCollection } from "@/lib/second-sdk";

type Lead = { name: string; company: string; status: "new" | "contacted" | "won" };

const STATUS_STYLES: Record<Lead["status"], string> = {
  new: "bg-sky-50 text-sky-700 ring-sky-200",
  contacted: "bg-amber-50 text-amber-700 ring-amber-200",
  won: "bg-emerald-50 text-emerald-700 ring-emerald-200",
};
const NEXT: Record<Lead["status"], Lead["status"]> = { new: "contacted", contacted: "won", won: "new" };

export default function App() {
  const { data: leads, loading, error, insert, update, remove } = useCollection<Lead>("leads");
  const [name, setName] = useState("");
  const [company, setCompany] = useState("");
${BROKEN_LINE}

  return (
    <main className="min-h-screen bg-slate-50 px-6 py-10 text-slate-900">
      <div className="mx-auto max-w-3xl">
        <header className="flex items-end justify-between">
          <div>
            <p className="text-sm font-medium text-indigo-600">Sales</p>
            <h1 className="text-3xl font-semibold tracking-tight">Lead tracker</h1>
          </div>
          <p className="text-sm text-slate-500" data-testid="open-count">{openCount} open</p>
        </header>

        <form
          className="mt-8 grid gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[1fr_1fr_auto]"
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) return;
            void insert({ name: name.trim(), company: company.trim(), status: "new" });
            setName("");
            setCompany("");
          }}
        >
          <input aria-label="Lead name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)}
            className="rounded-lg border border-slate-300 px-3 py-2 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-100" />
          <input aria-label="Company" placeholder="Company" value={company} onChange={(e) => setCompany(e.target.value)}
            className="rounded-lg border border-slate-300 px-3 py-2 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-100" />
          <button type="submit" className="rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500">Add lead</button>
        </form>

        {error && <p role="alert" className="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{error.message}</p>}

        <ul className="mt-6 space-y-2">
          {loading && <li className="text-sm text-slate-500">Loading leads…</li>}
          {!loading && leads.length === 0 && (
            <li className="rounded-2xl border border-dashed border-slate-300 p-8 text-center text-slate-500">No leads yet. Add the first one above.</li>
          )}
          {leads.map((lead) => (
            <li key={lead._id} data-testid="lead" className="flex items-center justify-between rounded-2xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
              <div>
                <p className="font-medium">{lead.name}</p>
                <p className="text-sm text-slate-500">{lead.company || "—"}</p>
              </div>
              <div className="flex items-center gap-3">
                <button
                  onClick={() => void update(lead._id, { status: NEXT[lead.status] })}
                  className={"rounded-full px-3 py-1 text-xs font-medium ring-1 " + STATUS_STYLES[lead.status]}
                  aria-label={"Advance " + lead.name}
                >
                  {lead.status}
                </button>
                <button onClick={() => void remove(lead._id)} className="text-sm text-slate-400 hover:text-red-600" aria-label={"Delete " + lead.name}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </main>
  );
}
`;
