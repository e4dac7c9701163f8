import { rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { prepareWorkspace, readWorkspace, type SourceFiles } from "../build/app-workspace.ts";

const IDLE_MS = 15 * 60_000;

interface Session {
  dir: string;
  lastUsed: number;
  turn: { controller: AbortController; done: Promise<void> } | null;
}

/**
 * Builder workspaces on this runner, one per app. A workspace idle for 15 minutes is removed; the
 * next turn restores it from the draft snapshot the platform sends along.
 */
export class BuilderSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(private readonly root = process.env.SECOND_WORKSPACES_DIR ?? path.join(tmpdir(), "second-workspaces")) {
    this.sweeper = setInterval(() => void this.sweep(), 60_000);
    this.sweeper.unref();
  }

  private dirFor(appId: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(appId)) throw new Error("Invalid app id.");
    return path.join(this.root, appId);
  }

  /** The app's workspace, restored from `files` (or the template) when this runner has none. */
  async open(appId: string, files: SourceFiles | null): Promise<Session> {
    const dir = this.dirFor(appId);
    let session = this.sessions.get(appId);
    const exists = await stat(path.join(dir, "src")).then(
      () => true,
      () => false,
    );
    if (!session || !exists) {
      if (!exists) await prepareWorkspace(dir, files ?? undefined);
      session = { dir, lastUsed: Date.now(), turn: null };
      this.sessions.set(appId, session);
    }
    session.lastUsed = Date.now();
    return session;
  }

  status(appId: string) {
    const session = this.sessions.get(appId);
    return { active: Boolean(session), running: Boolean(session?.turn), lastUsedAt: session ? new Date(session.lastUsed).toISOString() : null };
  }

  async files(appId: string): Promise<SourceFiles | null> {
    const session = this.sessions.get(appId);
    return session ? readWorkspace(session.dir) : null;
  }

  async close(appId: string): Promise<void> {
    const session = this.sessions.get(appId);
    session?.turn?.controller.abort();
    this.sessions.delete(appId);
    await rm(this.dirFor(appId), { recursive: true, force: true });
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const [appId, session] of this.sessions) {
      if (!session.turn && now - session.lastUsed > IDLE_MS) await this.close(appId);
    }
  }
}
