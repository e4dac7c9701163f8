import { DurableObject } from "cloudflare:workers";
import type { Env } from "../platform/env.ts";
import { AppsRepository } from "../platform/repositories/apps.ts";
import type { ScheduledRuns } from "../platform/ports/scheduled-runs.ts";
import { log } from "../platform/log.ts";
import { nextCronTime, parseCron } from "../shared/agents/cron.ts";
import type { AgentSchedule } from "../shared/agents/agents-json.ts";

interface ScheduleState {
  workspaceId: string;
  appId: string;
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

/**
 * One per app: the schedules of its approved agents, as one Durable Object alarm set to the
 * earliest. A scheduled run is started like a triggered one, as the admin who approved the
 * agents.json; once that approval is cleared or replaced, the schedules stop (docs/decisions/0017).
 */
export abstract class AgentScheduler extends DurableObject<Env> {
  /** Reading agents.json and starting runs, provided by the Worker's entry (worker/index.ts). */
  protected abstract runs(): ScheduledRuns;

  private state(): ScheduleState | undefined {
    return this.ctx.storage.kv.get<ScheduleState>(STATE);
  }

  /** Called when agents.json is approved: schedules every approved agent that declares one. */
  async sync(workspaceId: string, appId: string): Promise<{ scheduled: string[] }> {
    const app = await new AppsRepository(this.env).byId(workspaceId, appId);
    const approval = app?.draftAgentsApproval;
    if (!approval) return this.clear();
    const now = Date.now();
    const next: Record<string, number> = {};
    for (const agent of approval.payload.agents) {
      const at = agent.schedule ? nextFire(agent.schedule, now) : null;
      if (at !== null) next[agent.id] = at;
    }
    this.ctx.storage.kv.put(STATE, { workspaceId, appId, hash: approval.hash, next } satisfies ScheduleState);
    await this.arm(next);
    return { scheduled: Object.keys(next) };
  }

  async upcoming(): Promise<Record<string, number>> {
    return this.state()?.next ?? {};
  }

  private async clear(): Promise<{ scheduled: string[] }> {
    this.ctx.storage.kv.delete(STATE);
    await this.ctx.storage.deleteAlarm();
    return { scheduled: [] };
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
    const approval = app?.draftAgentsApproval;
    const current = app ? await this.runs().draftAgentsHash(app) : null;
    if (!app || !approval || approval.hash !== state.hash || current !== state.hash) {
      log("info", "agent schedules stopped: the approval was cleared or replaced", { appId: state.appId });
      await this.clear();
      return;
    }
    const now = Date.now();
    const due = Math.max(now, Math.min(...Object.values(state.next)));
    const next = { ...state.next };
    for (const [agentId, at] of Object.entries(state.next)) {
      if (at > due) continue;
      const agent = await this.runs().approvedAgent(app, agentId);
      const following = agent?.schedule ? nextFire(agent.schedule, now) : null;
      if (following === null) delete next[agentId];
      else next[agentId] = following;
      if (!agent) continue;
      await this.runs().start(app, agentId, approval.approvedByUserId);
    }
    this.ctx.storage.kv.put(STATE, { ...state, next } satisfies ScheduleState);
    await this.arm(next);
  }
}
