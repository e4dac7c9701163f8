import type { UIMessage } from "../../shared/chat/messages.ts";
import type { RunStatus, RunUsage } from "../../shared/api/runs.ts";
import type { SourceFiles } from "../../shared/api/snapshots.ts";

/** The run a RunStream serves, by its full scope. */
export interface RunScope {
  workspaceId: string;
  appId: string;
  runId: string;
}

export interface RunOutcome {
  status: RunStatus;
  messages: UIMessage[];
  usage: RunUsage | null;
  lastError: string | null;
}

/**
 * Everything a RunStream keeps or announces outside its own storage: the run record, the app's draft
 * files and the workspace events of the run. The Worker's entry (worker/index.ts) provides it, so the
 * object depends on this interface and never on the Worker's services (docs/decisions/0027).
 */
export interface RunPersistence {
  /** The run as stored: its conversation (an interrupted turn keeps it and adds what was streamed) and model. */
  storedRun(run: RunScope): Promise<{ messages: UIMessage[]; model: string } | null>;
  /** The posted conversation, stored as the turn starts, with the run marked streaming and announced. */
  turnStarted(run: RunScope, messages: UIMessage[]): Promise<void>;
  /** The app's stored draft files, or null before its first build. */
  draftFiles(run: RunScope): Promise<SourceFiles | null>;
  /** A successful build's workspace becomes the app's draft. */
  saveDraft(run: RunScope, files: SourceFiles): Promise<void>;
  /** The turn's result, stored on the run. */
  finish(run: RunScope, outcome: RunOutcome): Promise<void>;
  /** The builder presented the app's integration setup (the tool's output, unvalidated): the app's grants follow it. */
  integrationSetupPresented(run: RunScope & { userId: string }, output: unknown): Promise<void>;
  /** Tells the workspace the turn ended (after its readers got the last chunk). */
  announceFinished(run: RunScope, status: RunStatus): Promise<void>;
}
