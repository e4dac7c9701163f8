import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AgentStore } from "../../container-runner/template/src/lib/second/agent-store.ts";
import type { RequestBody, RequestType, ResponseOf } from "../../shared/bridge/protocol.ts";

type Pending = { message: Record<string, unknown>; resolve: (reply: object) => void; reject: (error: Error) => void };

function fakeTransport() {
  const pending: Pending[] = [];
  const transport = {
    request: <K extends RequestType>(message: RequestBody<K>) =>
      new Promise<ResponseOf<K>>((resolve, reject) => pending.push({ message, resolve: (reply) => resolve(reply as ResponseOf<K>), reject })),
  };
  return { transport, pending };
}

describe("in-app SDK agent store (useAgent)", () => {
  it("goes idle -> running on trigger, then completed with the output from the platform's update for its run only", async () => {
    const { transport, pending } = fakeTransport();
    const store = new AgentStore("lead-scorer", transport);
    assert.equal(store.getSnapshot().status, "idle");
    const triggered = store.trigger({ note: "today" });
    assert.equal(store.getSnapshot().status, "running");
    const request = pending.shift()!;
    assert.deepEqual(request.message, { type: "second:agent:trigger", agentId: "lead-scorer", input: { note: "today" } });
    request.resolve({ type: "second:agent:update", agentId: "lead-scorer", runId: "arun_1", status: "running", requestId: "r1" });
    assert.equal(await triggered, "arun_1");
    // An update about an older run, or another agent, changes nothing.
    store.apply({ type: "second:agent:update", agentId: "lead-scorer", runId: "arun_0", status: "failed" });
    store.apply({ type: "second:agent:update", agentId: "other", runId: "arun_1", status: "failed" });
    assert.deepEqual(store.getSnapshot(), { status: "running", runId: "arun_1", output: null, error: null });
    store.apply({ type: "second:agent:update", agentId: "lead-scorer", runId: "arun_1", status: "completed", output: "Scored 2 leads" });
    assert.deepEqual(store.getSnapshot(), { status: "completed", runId: "arun_1", output: "Scored 2 leads", error: null });
  });

  it("fails with the platform's message when the trigger is refused", async () => {
    const { transport, pending } = fakeTransport();
    const store = new AgentStore("lead-scorer", transport);
    const triggered = store.trigger();
    pending.shift()!.reject(new Error("This app's agents.json is not approved"));
    await assert.rejects(triggered, /not approved/);
    assert.equal(store.getSnapshot().status, "failed");
    assert.match(store.getSnapshot().error?.message ?? "", /not approved/);
  });
});
