import { useState } from "react";
import { callIntegrationTool } from "@/lib/second-sdk";
import type { IntegrationSpec } from "./fields.ts";

type Answer = { status: number; body: unknown };

/**
 * Looks a contact up in the app's CRM through its app tool: the platform adds the API key an
 * admin set and calls the CRM, so the key never reaches this page.
 */
export function CrmLookup({ integration }: { integration: IntegrationSpec }) {
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <section className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label={`CRM at ${integration.domain}`}>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (busy || !email.trim()) return;
          setBusy(true);
          setProblem(null);
          callIntegrationTool(integration.toolName, { email: email.trim() })
            .then(setAnswer)
            .catch((error: unknown) => {
              setAnswer(null);
              setProblem(error instanceof Error ? error.message : String(error));
            })
            .finally(() => setBusy(false));
        }}
      >
        <label className="min-w-[12rem] flex-1 text-xs font-medium text-slate-500">
          Email to look up in the CRM
          <input
            type="email"
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm text-slate-900"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            placeholder="ada@example.com"
          />
        </label>
        <button type="submit" disabled={busy} className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {busy ? "Looking up…" : "Look up in CRM"}
        </button>
      </form>
      {problem && (
        <p role="alert" className="text-sm text-red-600">
          {problem}
        </p>
      )}
      {answer && (
        <div data-testid="crm-answer" className="space-y-1 text-sm">
          <p className="font-medium">The CRM answered {answer.status}</p>
          <pre className="overflow-x-auto rounded-lg bg-slate-50 p-3 text-xs text-slate-700">{JSON.stringify(answer.body, null, 2)}</pre>
        </div>
      )}
    </section>
  );
}
