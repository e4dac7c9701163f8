import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { waitForEvents } from "./support/posthog.ts";
import { createExecutionContext } from "cloudflare:test";
import { ORIGIN, signedIn, workspaceWithPeople } from "./support/person.ts";
import { createApp } from "../../worker/app.ts";
import { capturePayload, routeShape, sanitizeProperties } from "../../platform/analytics/analytics.ts";

const ANON = "anon_123e4567-e89b-12d3-a456-426614174000";
describe("product analytics", () => {
  it("forwards an allowlisted event anonymized by default: anon distinct id, no identifiers, no person profile", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("analytics");
    const reply = await owner.post("/api/analytics/capture", {
      event: "page viewed",
      anonymousId: ANON,
      properties: {
        surface: "app_chat",
        route_shape: `/w/${workspaceId}/apps/app_01m83aftexxxxxxxxxxx`,
        viewport_width: 1440,
        workspace_id: workspaceId,
        app_name: "Secret plans",
        prompt: "build my secret thing",
        note: "mail me at someone@example.com",
      },
    });
    expect(reply.status).toBe(202);
    const events = await waitForEvents((list) => list.some((e) => e.distinct_id === ANON && e.event === "page viewed"));
    const event = events.find((e) => e.distinct_id === ANON && e.event === "page viewed")!;
    expect(event.api_key).toBe("phc_test_token");
    expect(event.properties).toMatchObject({
      surface: "app_chat",
      route_shape: "/w/:workspace/apps/:objectId",
      viewport_width: 1440,
      $process_person_profile: false,
      release_runtime: "cloudflare-workers",
    });
    for (const key of ["workspace_id", "app_name", "prompt", "note"]) expect(event.properties).not.toHaveProperty(key);
    expect(JSON.stringify(event)).not.toContain(owner.id);
  });

  it("identifies the person after they turn anonymization off, from then on only", async () => {
    const { owner } = await workspaceWithPeople("identified");
    expect((await owner.get("/api/me/usage-data")).body).toEqual({ anonymized: true, collecting: true });
    expect((await owner.patch("/api/me/usage-data", { anonymized: false })).body).toEqual({ anonymized: false, collecting: true });
    await owner.post("/api/analytics/capture", { event: "chat initiated", anonymousId: ANON, properties: { message_count: 1, app_name: "Kept when identified" } });
    const events = await waitForEvents((list) => list.some((e) => e.distinct_id === owner.id && e.event === "chat initiated"));
    expect(events.some((e) => e.event === "$identify" && e.distinct_id === owner.id)).toBe(true);
    const chat = events.find((e) => e.distinct_id === owner.id && e.event === "chat initiated")!;
    expect(chat.properties).toMatchObject({ message_count: 1, app_name: "Kept when identified" });
    expect(chat.properties).not.toHaveProperty("$process_person_profile");
  });

  it("refuses unknown events, bad anonymous ids and people who have not onboarded", async () => {
    const { owner } = await workspaceWithPeople("refusals");
    expect((await owner.post("/api/analytics/capture", { event: "keylogger", anonymousId: ANON })).status).toBe(400);
    expect((await owner.post("/api/analytics/capture", { event: "page viewed", anonymousId: "me" })).status).toBe(400);
    const newcomer = await signedIn("newcomer");
    expect((await newcomer.post("/api/analytics/capture", { event: "page viewed", anonymousId: ANON })).body.error.code).toBe("workspace_required");
  });

  it("strips identifier-shaped keys and values, and shapes routes without ids", () => {
    expect(routeShape("/w/ws_01m83aft8rvawtvb4gz7/apps/app_01m83afte8wy9pfhczje/runs/run_01m8399")).toBe("/w/:workspace/apps/:objectId/runs/:objectId");
    expect(sanitizeProperties({ user_id: "x", run_ids: "y", owner_email: "z", team_name: "t", count: 3, "Bad Key": 1, $set: "no" }, true)).toEqual({ count: 3 });
    expect(sanitizeProperties({ team_name: "kept", count: 3 }, false)).toEqual({ team_name: "kept", count: 3 });
    // Free text never survives anonymization, whatever its key.
    expect(sanitizeProperties({ comment: "Grace Hopper asked", outcome: "completed", model: "claude-sonnet-5-5" }, true)).toEqual({
      outcome: "completed",
      model: "claude-sonnet-5-5",
    });
  });

  it("fills the cli_* release fields from the launcher, and leaves them null otherwise", () => {
    const user = { _id: "usr_01m8n19ymwwehtrbt3yb", analyticsAnonymized: true } as Parameters<typeof capturePayload>[3];
    const body = { event: "sidebar clicked" as const, anonymousId: "anon-1", properties: {} };
    const launched = capturePayload({ ...env, SECOND_CLI_LAUNCHER_PACKAGE: "second-on-the-edge", SECOND_CLI_LAUNCHER_VERSION: "0.1.0" }, "phc", body, user);
    expect(launched.properties).toMatchObject({ cli_launcher_package: "second-on-the-edge", cli_launcher_version: "0.1.0" });
    expect(capturePayload(env, "phc", body, user).properties).toMatchObject({ cli_launcher_package: null, cli_launcher_version: null });
  });

  it("tells the browser when the deployment collects nothing (--disable-telemetry), and forwards nothing", async () => {
    const { owner } = await workspaceWithPeople("telemetry-off");
    const off = { ...env, SECOND_TELEMETRY_DISABLED: "1" };
    const call = (path: string, init: RequestInit = {}) =>
      createApp().fetch(
        new Request(`${ORIGIN}${path}`, { ...init, headers: { cookie: owner.cookie!, origin: ORIGIN, "content-type": "application/json" } }),
        off,
        createExecutionContext(),
      );
    expect(await (await call("/api/me/usage-data")).json()).toEqual({ anonymized: true, collecting: false });
    const reply = await call("/api/analytics/capture", { method: "POST", body: JSON.stringify({ event: "page viewed", anonymousId: ANON, properties: {} }) });
    expect(await reply.json()).toMatchObject({ forwarded: false, reason: expect.stringMatching(/disabled/) });
  });
});
