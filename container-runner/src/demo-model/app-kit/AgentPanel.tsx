import { useState } from "react";
import { useAgent } from "@/lib/second-sdk";
import { titleOf, type AgentSpec, type AppSpec, type Entry } from "./fields.ts";

interface Props {
  spec: AppSpec;
  agent: AgentSpec;
  entries: Entry[];
}

const STATUS_TONE: Record<string, string> = {
  idle: "bg-slate-100 text-slate-600",
  running: "bg-amber-100 text-amber-800",
  completed: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-700",
};

/**
 * Starts the app's agent (it runs on the platform, so closing the page does not stop it) and shows
 * its latest run; the scores it writes arrive live like any other change.
 */
export function AgentPanel({ spec, agent, entries }: Props) {
  const { trigger, status, output, error } = useAgent(agent.id);
  const [instructions, setInstructions] = useState("");
  const scored = entries.filter((entry) => typeof entry.score === "number");
  return (
    <section className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label={agent.name}>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (status === "running") return;
          trigger(instructions.trim() || undefined).catch(() => undefined);
        }}
      >
        <label className="min-w-[12rem] flex-1 text-xs font-medium text-slate-500">
          Instructions for {agent.name} (optional)
          <input
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm text-slate-900"
            value={instructions}
            onChange={(event) => setInstructions(event.target.value)}
            placeholder={`Score every ${spec.item} without a score`}
          />
        </label>
        <button type="submit" disabled={status === "running"} className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          Run {agent.name}
        </button>
        <span data-testid="agent-status" className={`rounded-full px-3 py-1 text-xs font-medium ${STATUS_TONE[status] ?? ""}`}>
          {status}
        </span>
      </form>
      {output && <p className="text-sm text-slate-600">{output}</p>}
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error.message}
        </p>
      )}
      {scored.length > 0 && (
        <ul className="divide-y divide-slate-100 text-sm">
          {scored.map((entry) => (
            <li key={entry._id} data-testid="agent-score" className="flex flex-wrap justify-between gap-2 py-1">
              <span className="font-medium">{titleOf(spec, entry)}</span>
              <span className="text-slate-500">
                {String(entry.score)} · {String(entry.summary ?? "")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
