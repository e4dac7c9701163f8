import type { UIMessage } from "../../../../shared/chat/messages.ts";

export type StepState = "done" | "active" | "pending" | "failed";
export interface BuildStep {
  label: string;
  state: StepState;
  detail?: string;
}

export interface BuildProgress {
  steps: BuildStep[];
  /** The last build of this turn: null before the first one. */
  lastBuildOk: boolean | null;
}

const FILE_TOOLS = new Set(["tool-write_file", "tool-edit_file", "tool-delete_file"]);

/** The steps of the current turn (its last assistant message), for the progress view over the preview. */
export function buildProgress(messages: UIMessage[], streaming: boolean): BuildProgress {
  const last = messages.at(-1);
  const parts = last?.role === "assistant" ? last.parts : [];
  const planned = parts.some((p) => p.type === "tool-present_plan");
  const files = parts.filter((p) => FILE_TOOLS.has(p.type)).length;
  const builds = parts.flatMap((p) => (p.type === "data-build" && "data" in p && typeof p.data === "object" && p.data !== null && "ok" in p.data ? [p.data.ok === true] : []));
  const lastBuildOk = builds.length ? builds.at(-1)! : null;
  const failed = builds.filter((ok) => !ok).length;
  const buildingNow = parts.some((p) => p.type === "tool-done_building" && "state" in p && (p.state === "input-streaming" || p.state === "input-available"));

  const started = parts.length > 0 || streaming;
  const plan: BuildStep = { label: "Planning the app", state: planned || files > 0 ? "done" : started ? "active" : "pending" };
  const write: BuildStep = {
    label: "Writing the code",
    state: builds.length > 0 || buildingNow ? "done" : files > 0 ? "active" : "pending",
    detail: files ? `${files} file${files === 1 ? "" : "s"}` : undefined,
  };
  const build: BuildStep = {
    label: failed > 0 && lastBuildOk !== true ? "Fixing build errors" : "Checking and building",
    state: lastBuildOk === true ? "done" : buildingNow || builds.length > 0 ? (streaming ? "active" : "failed") : "pending",
    detail: failed ? `${failed} failed attempt${failed === 1 ? "" : "s"}` : undefined,
  };
  const ready: BuildStep = { label: "Showing the new version", state: lastBuildOk === true ? (streaming ? "active" : "done") : "pending" };
  return { steps: [plan, write, build, ready], lastBuildOk };
}

/** "1:05" from milliseconds. */
export const formatElapsed = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};
