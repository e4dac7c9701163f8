import { DurableObject } from "cloudflare:workers";
import type { Env } from "../platform/env.ts";
import { AppsRepository, type AppDoc } from "../platform/repositories/apps.ts";
import type { ScheduledRuns } from "../platform/ports/scheduled-runs.ts";
import { log } from "../platform/log.ts";
import { nextCronTime, parseCron } from "../shared/agents/cron.ts";
import type { AgentSchedule } from "../shared/agents/agents-json.ts";

interface ScheduleState {
  workspaceId: string;
  appId: string;
  /** Which version's agents run: the published one while the app is published, else the draft. */
  version: "draft" | "published";
  /** The approval the schedules belong to; any other approval (or none) ends them. */
  hash: string;
  /** Agent id -> next fire time (epoch ms). */
  next: Record<string, number>;
}

const STATE = "schedules";

function nextFire(schedule: AgentSchedule, after: number): number | null {
  if ("everyMinutes" in schedule) return after + schedule.everyMinutes * 60_000;
  const spec = parseCron(schedule.cron);
  return spec ? nextCronTime(spec, after) : null;
}

/** The version whose agents run on schedule: the one the app serves (docs/decisions/0025). */
const scheduledVersion = (app: AppDoc): "draft" | "published" => (app.publishedSnapshot ? "published" : "draft");

/**
 * One per app: the schedules of its approved agents, as one Durable Object alarm set to the
 * earliest. A published app runs its published agents (the agents.json promoted with the version);
 * an app never published, or unpublished and approved again, runs its approved draft agents. A
 * scheduled run is started like a triggered one, as the admin who approved the agents.json. Once
 * that approval is cleared or replaced, or the app is unpublished, the schedules stop
 * (docs/decisions/0017, 0025).
 */
export abstract class AgentScheduler extends DurableObject<Env> {
  /** Reading approvals and starting runs, provided by the Worker's entry (worker/index.ts). */
  protected abstract runs(): ScheduledRuns;

  private state(): ScheduleState | undefined {
    return this.ctx.storage.kv.get<ScheduleState>(STATE);
  }

  /**
   * Called when agents.json is approved and when a version is published or rolled back: schedules
   * every agent of the version the app serves that declares one. Fire times already set for the
   * same agents.json are kept, so re-syncing or publishing it never delays a schedule.
   */
  async sync(workspaceId: string, appId: string): Promise<{ scheduled: string[]; version: "draft" | "published" | null }> {
    const app = await new AppsRepository(this.env).byId(workspaceId, appId);
    if (!app) return this.stop();
    const version = scheduledVersion(app);
    const approval = await this.runs().approval(app, version);
    if (!approval) return this.stop();
    const previous = this.state();
    // The same agents.json (a draft approval promoted by publishing, a re-approval) keeps its fire times.
    const kept = previous?.hash === approval.hash ? previous.next : {};
    const now = Date.now();
    const next: Record<string, number> = {};
    for (const agent of approval.payload.agents) {
      const at = kept[agent.id] ?? (agent.schedule ? nextFire(agent.schedule, now) : null);
      if (at !== null && agent.schedule) next[agent.id] = at;
    }
    this.ctx.storage.kv.put(STATE, { workspaceId, appId, version, hash: approval.hash, next } satisfies ScheduleState);
    await this.arm(next);
    return { scheduled: Object.keys(next), version };
  }

  async upcoming(): Promise<{ version: "draft" | "published" | null; next: Record<string, number> }> {
    const state = this.state();
    return { version: state?.version ?? null, next: state?.next ?? {} };
  }

  /** Ends every schedule of the app (unpublished, deleted, approval gone). */
  async stop(): Promise<{ scheduled: string[]; version: null }> {
    this.ctx.storage.kv.delete(STATE);
    await this.ctx.storage.deleteAlarm();
    return { scheduled: [], version: null };
  }

  private async arm(next: Record<string, number>): Promise<void> {
    const times = Object.values(next);
    if (times.length === 0) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.min(...times));
  }

  /** Starts the agents that are due (the earliest group at least), if the approval still stands. */
  override async alarm(): Promise<void> {
    const state = this.state();
    if (!state) return;
    const app = await new AppsRepository(this.env).byId(state.workspaceId, state.appId);
    const approval = app && scheduledVersion(app) === state.version ? await this.runs().approval(app, state.version) : null;
    if (!app || !approval || approval.hash !== state.hash) {
      log("info", "agent schedules stopped: the approval was cleared or replaced, or the app was unpublished", { appId: state.appId, version: state.version });
      await this.stop();
      return;
    }
    const now = Date.now();
    const due = Math.max(now, Math.min(...Object.values(state.next)));
    const next = { ...state.next };
    for (const [agentId, at] of Object.entries(state.next)) {
      if (at > due) continue;
      const agent = approval.payload.agents.find((a) => a.id === agentId);
      const following = agent?.schedule ? nextFire(agent.schedule, now) : null;
      if (following === null) delete next[agentId];
      else next[agentId] = following;
      if (!agent) continue;
      await this.runs().start(app, { agentId, version: state.version, approvedByUserId: approval.approvedByUserId });
    }
    this.ctx.storage.kv.put(STATE, { ...state, next } satisfies ScheduleState);
    await this.arm(next);
  }
}
