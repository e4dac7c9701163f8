import { Hono, type Context } from "hono";
import { createAdaptorServer } from "@hono/node-server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyCapability } from "../../shared/capability/tokens.ts";
import type { Capability } from "../../shared/capability/claims.ts";
import { runnerCallCapability } from "./capabilities.ts";

/**
 * The platform's side of a builder turn for runner tests: the model pass-through, which checks the
 * turn's capability (sent by the SDK as x-api-key) and forwards to the runner's demo model with a
 * runner-call capability, as the Worker does without a model key. (The workerd tests cannot be
 * reached over HTTP; they test the Worker's real pass-through directly.) `hold()` makes the next
 * model call wait until released, to act while a turn is running.
 */
export async function startPlatformStandIn(privateKey: string, runnerUrl: () => string) {
  const calls: Capability[] = [];
  /** Tool names offered on each model call, and the data calls agent runs made. */
  const offeredTools: string[][] = [];
  const dataCalls: { path: string; body: Record<string, unknown> }[] = [];
  const data = new Map<string, Record<string, unknown>[]>();
  /** Custom tool calls of agent runs, and how the stand-in answers them (the Worker's executor in real life). */
  const toolCalls: { capability: Capability | null; body: Record<string, unknown> }[] = [];
  let toolAnswer: (body: Record<string, unknown>) => { status: number; json: unknown } = () => ({ status: 200, json: { output: { status: 200, body: { ok: true } } } });
  let gate: { opened: Promise<void>; open: () => void } | null = null;
  let holding: (() => void) | null = null;
  const agentCapability = async (authorization: string | undefined) =>
    verifyCapability(privateKey, (authorization ?? "").replace(/^Bearer /i, ""), ["agent-run"]).catch(() => null);
  const app = new Hono();
  // A small stand-in of the internal data endpoints: it checks the capability's collections only.
  const dataRoute = (kind: "read" | "write") => async (c: Context) => {
    const capability = await agentCapability(c.req.header("authorization"));
    const body = (await c.req.json()) as Record<string, unknown> & { collection: string; operation?: string; data?: Record<string, unknown>; filter?: { _id: string } };
    dataCalls.push({ path: c.req.path, body });
    if (capability?.purpose !== "agent-run" || !capability.collections.includes(body.collection))
      return c.json({ error: { code: "forbidden", message: "not this collection" } }, 403);
    const docs = data.get(body.collection) ?? [];
    data.set(body.collection, docs);
    if (kind === "read") return c.json({ docs });
    const doc = docs.find((d) => d._id === body.filter?._id);
    if (body.operation === "update" && doc) Object.assign(doc, body.data);
    else if (body.operation === "insert") docs.push({ _id: `doc_${docs.length + 1}`, ...body.data });
    else return c.json({ error: { code: "not_found", message: "no such document" } }, 404);
    return c.json({ doc: doc ?? docs.at(-1) });
  };
  app.post("/api/internal/app-data-read", dataRoute("read"));
  app.post("/api/internal/app-data-write", dataRoute("write"));
  app.post("/api/internal/tool-execute", async (c) => {
    const capability = await agentCapability(c.req.header("authorization"));
    const body = (await c.req.json()) as Record<string, unknown>;
    toolCalls.push({ capability, body });
    if (capability?.purpose !== "agent-run" || capability.run !== body.runId) return c.json({ error: { code: "not_found", message: "no such run" } }, 404);
    const answer = toolAnswer(body);
    return c.json(answer.json as object, answer.status as 200);
  });
  app.post("/api/internal/model/v1/messages", async (c) => {
    if (gate) {
      const waitFor = gate.opened;
      gate = null;
      holding?.();
      await waitFor;
    }
    // The SDK sends its apiKey as a bearer token (older versions: x-api-key); the Worker takes both.
    const apiKey = (c.req.header("authorization") ?? "").replace(/^Bearer /i, "") || (c.req.header("x-api-key") ?? "");
    const capability = await verifyCapability(privateKey, apiKey, ["builder-turn", "agent-run"]).catch(() => null);
    if (!capability) return c.json({ error: { code: "identity_required", message: "no capability" } }, 401);
    calls.push(capability);
    const requestText = await c.req.text();
    offeredTools.push(((JSON.parse(requestText) as { tools?: { name: string }[] }).tools ?? []).map((t) => t.name));
    const token = await runnerCallCapability(privateKey, { workspaceId: capability.wid, appId: capability.app });
    const upstream = await fetch(`${runnerUrl()}/demo-model/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: requestText,
    });
    return new Response(upstream.body, { status: upstream.status, headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" } });
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    offeredTools,
    dataCalls,
    data,
    toolCalls,
    answerTools: (answer: typeof toolAnswer) => {
      toolAnswer = answer;
    },
    /** The next model call waits for the returned release(); `held` resolves once it arrived. */
    hold: () => {
      let open: () => void = () => undefined;
      gate = { opened: new Promise<void>((resolve) => (open = resolve)), open };
      const held = new Promise<void>((resolve) => (holding = resolve));
      return { held, release: open };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
