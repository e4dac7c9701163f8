import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ORIGIN, workspaceWithPeople, type Person } from "./support/person.ts";
import { recordModelCall } from "../../worker/usage/usage-ledger.ts";
import { callCostUsd } from "../../shared/api/model-pricing.ts";
import { usageResponseSchema } from "../../shared/api/usage.ts";

const usage = (person: Person, workspaceId: string, query: string) => person.get(`/api/workspaces/${workspaceId}/usage?${query}`);

describe("GET /api/workspaces/:wId/usage", () => {
  async function seeded(label: string) {
    const people = await workspaceWithPeople(label);
    const { owner, admin, workspaceId } = people;
    const apps = await Promise.all(["CRM", '=HYPERLINK("x")'].map(async (name) => (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name })).body.app.id as string));
    const subject = (appId: string, userId: string | null, model: string, runKind: "builder" | "scheduled" = "builder") => ({
      workspaceId,
      appId,
      runId: "run_x",
      runKind,
      callerId: "cap",
      userId,
      model,
    });
    const usageOf = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens, cacheReadTokens: 0, cacheCreationTokens: 0 });
    await recordModelCall(env, subject(apps[0]!, owner.user!.id, "claude-opus-5-5"), usageOf(1000, 100), new Date("2026-03-01T10:00:00Z"));
    await recordModelCall(env, subject(apps[0]!, admin.user!.id, "claude-opus-5-5"), usageOf(2000, 200), new Date("2026-03-01T23:59:00Z"));
    await recordModelCall(env, subject(apps[1]!, admin.user!.id, "demo"), usageOf(5000, 500), new Date("2026-03-02T01:00:00Z"));
    await recordModelCall(env, subject(apps[1]!, null, "claude-haiku-5-5", "scheduled"), usageOf(300, 30), new Date("2026-03-03T01:00:00Z"));
    // Outside the range asked for below, and another workspace's usage on the same days.
    await recordModelCall(env, subject(apps[0]!, owner.user!.id, "claude-opus-5-5"), usageOf(9, 9), new Date("2026-02-27T10:00:00Z"));
    await recordModelCall(env, { ...subject(apps[0]!, owner.user!.id, "claude-opus-5-5"), workspaceId: "ws_other" }, usageOf(7, 7), new Date("2026-03-01T10:00:00Z"));
    return { ...people, apps };
  }
  const range = "from=2026-03-01&to=2026-03-03";
  const opus = (i: number, o: number) => callCostUsd("claude-opus-5-5", { inputTokens: i, outputTokens: o, cacheReadTokens: 0, cacheCreationTokens: 0 });

  it("groups by app, person, day and model, in the range and the workspace only", async () => {
    const { owner, admin, workspaceId, apps } = await seeded("use-group");
    const rows = async (groupBy: string) => usageResponseSchema.parse((await usage(owner, workspaceId, `${range}&groupBy=${groupBy}`)).body).rows;
    const haiku = callCostUsd("claude-haiku-5-5", { inputTokens: 300, outputTokens: 30, cacheReadTokens: 0, cacheCreationTokens: 0 });
    expect(opus(3000, 300)).toBeCloseTo((3000 * 4 + 300 * 20) / 1e6, 9);

    const byDay = await rows("day");
    expect(byDay.map((r) => [r.key, r.calls, r.inputTokens, r.costUsd])).toEqual([
      ["2026-03-01", 2, 3000, opus(3000, 300)],
      ["2026-03-02", 1, 5000, 0],
      ["2026-03-03", 1, 300, haiku],
    ]);
    const byUser = await rows("user");
    expect(byUser.map((r) => [r.key, r.label, r.calls])).toEqual([
      [admin.user!.id, admin.displayName, 2],
      [owner.user!.id, owner.displayName, 1],
      ["", "Not charged to anyone", 1],
    ]);
    const byModel = await rows("model");
    expect(byModel.map((r) => [r.key, r.label, r.costUsd])).toEqual([
      ["claude-opus-5-5", "claude-opus-5-5", opus(3000, 300)],
      ["claude-haiku-5-5", "claude-haiku-5-5", haiku],
      ["demo", "free (demo model)", 0],
    ]);
    const byApp = await rows("app");
    expect(byApp.map((r) => [r.key, r.calls])).toEqual([
      [apps[0], 2],
      [apps[1], 2],
    ]);
  });

  it("exports CSV that a spreadsheet cannot read as formulas", async () => {
    const { owner, workspaceId, apps } = await seeded("use-csv");
    const response = await exports.default.fetch(
      new Request(`${ORIGIN}/api/workspaces/${workspaceId}/usage?${range}&groupBy=app&format=csv`, { headers: { cookie: owner.cookie!, origin: ORIGIN } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toContain("usage-app-2026-03-01-2026-03-03.csv");
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("app,label,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,costUsd,calls");
    expect(lines[1]).toBe(`${apps[0]},CRM,3000,300,0,0,${opus(3000, 300)},2`);
    expect(lines[2]).toBe(
      `${apps[1]},"'=HYPERLINK(""x"")",5300,530,0,0,${callCostUsd("claude-haiku-5-5", { inputTokens: 300, outputTokens: 30, cacheReadTokens: 0, cacheCreationTokens: 0 })},2`,
    );
  });

  it("is for owners and admins; members get 403, other workspaces 404, bad queries 400", async () => {
    const { admin, member, workspaceId } = await seeded("use-perm");
    expect((await usage(admin, workspaceId, range)).status).toBe(200);
    expect((await usage(member, workspaceId, range)).status).toBe(403);
    const { owner: stranger } = await workspaceWithPeople("use-stranger");
    expect((await usage(stranger, workspaceId, range)).status).toBe(404);
    for (const bad of ["groupBy=team", "from=2026-03-05&to=2026-03-01", "from=2024-01-01&to=2026-03-01", "from=yesterday", "format=xml", "extra=1"]) {
      const reply = await usage(admin, workspaceId, bad);
      expect(reply.status, bad).toBe(400);
      expect(reply.body.error.code).toBe("validation_failed");
    }
  });
});
