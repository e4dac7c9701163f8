import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { attachAppIntegrationBridge } from "../../frontend/src/bridge/app-integration-bridge.ts";
import { parentMessageSchema } from "../../shared/bridge/protocol.ts";

/**
 * The parent side of callIntegrationTool, with a stand-in window, frame and network: only the
 * frame's own messages that match the schema are taken, and only the tool name and input are sent.
 */
const realFetch = globalThis.fetch;
const target = { workspaceId: "ws_1", appId: "app_1", version: "published" as const };

function harness() {
  const parent = new EventTarget();
  Object.assign(globalThis, { window: parent });
  const posted: unknown[] = [];
  const frameWindow = { postMessage: (message: unknown) => posted.push(message) };
  const iframe = { contentWindow: frameWindow } as unknown as HTMLIFrameElement;
  const requests: { url: string; method: string; body: unknown }[] = [];
  let answer: () => Response = () => Response.json({ output: { status: 200, body: { contacts: [] } } });
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(input), method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : null });
    return answer();
  }) as typeof fetch;
  const detach = attachAppIntegrationBridge(iframe, target);
  const send = (data: unknown, source: unknown = frameWindow) => parent.dispatchEvent(Object.assign(new Event("message"), { data, source }));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
  return { posted, requests, detach, send, settle, answerWith: (fn: () => Response) => (answer = fn) };
}

describe("AppIntegrationBridge", () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => {
    h.detach();
    globalThis.fetch = realFetch;
  });

  it("sends only the tool name and input to the app's tool route, and answers the frame with the output", async () => {
    h.send({ type: "second:integration:execute", toolName: "crm_lookup", input: { email: "ada@example.com" }, requestId: "r1" });
    await h.settle();
    assert.deepEqual(h.requests, [
      { url: "/api/workspaces/ws_1/apps/app_1/tools/crm_lookup", method: "POST", body: { input: { email: "ada@example.com" }, version: "published" } },
    ]);
    assert.equal(h.posted.length, 1);
    const reply = parentMessageSchema.parse(h.posted[0]);
    assert.deepEqual(reply, { type: "second:integration:result", toolName: "crm_lookup", requestId: "r1", output: { status: 200, body: { contacts: [] } } });
  });

  it("ignores messages from other windows, other shapes, URLs or headers smuggled along, and bad tool names", async () => {
    h.send({ type: "second:integration:execute", toolName: "crm_lookup", input: {}, requestId: "r2" }, { postMessage: () => undefined });
    h.send({ type: "second:integration:execute", toolName: "crm_lookup", input: {}, requestId: "r3", url: "https://169.254.169.254/" });
    h.send({ type: "second:integration:execute", toolName: "crm_lookup", input: {}, requestId: "r4", headers: { authorization: "x" } });
    h.send({ type: "second:integration:execute", toolName: "../agents/approve", input: {}, requestId: "r5" });
    h.send({ type: "second:integration:execute", toolName: "crm_lookup", input: "not an object", requestId: "r6" });
    h.send("second:integration:execute");
    await h.settle();
    assert.deepEqual(h.requests, []);
    assert.deepEqual(h.posted, []);
  });

  it("passes a refusal on to the frame with its code and message", async () => {
    h.answerWith(() => Response.json({ error: { code: "tool_refused", message: 'Refused by the "grant-not-configured" rule: not configured yet.' } }, { status: 403 }));
    h.send({ type: "second:integration:execute", toolName: "crm_lookup", input: {}, requestId: "r7" });
    await h.settle();
    const reply = parentMessageSchema.parse(h.posted[0]);
    assert.equal(reply.type, "second:integration:result");
    assert.equal(reply.type === "second:integration:result" && reply.error?.code, "tool_refused");
    assert.match(reply.type === "second:integration:result" ? (reply.error?.message ?? "") : "", /grant-not-configured/);
  });
});
