import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { RateLimitGate, MAX_RATE_LIMIT_RETRIES } from "../../container-runner/template/src/lib/second/rate-limit-gate.ts";
import { api, ApiClientError, ok } from "../../frontend/src/api/client.ts";
import { dataApi } from "../../frontend/src/bridge/data-api.ts";

/** A clock the test moves: sleeping advances it, and records how long was slept. */
function fakeClock() {
  const clock = { now: 0, slept: [] as number[] };
  const sleep = async (ms: number) => {
    clock.slept.push(ms);
    clock.now += ms;
  };
  return { clock, gate: new RateLimitGate(() => clock.now, sleep) };
}

/** The shape of the SDK's SecondDataError (transport.ts resolves @second/protocol only inside an app). */
class SecondDataError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const limited = (ms?: number) => new SecondDataError("rate_limited", "Too many changes right now.", ms);

describe("in-app SDK backs off on rate_limited", () => {
  it("sends a refused write again after the platform's Retry-After, and succeeds", async () => {
    const { clock, gate } = fakeClock();
    let calls = 0;
    const result = await gate.run(async () => {
      calls++;
      if (calls === 1) throw limited(2500);
      return "stored";
    });
    assert.equal(result, "stored");
    assert.equal(calls, 2);
    assert.deepEqual(clock.slept, [2500]);
  });

  it("while paused, writes go single file, in order, each after the pause", async () => {
    const { clock, gate } = fakeClock();
    const order: string[] = [];
    let refusedOnce = false;
    const first = gate.run(async () => {
      if (!refusedOnce) {
        refusedOnce = true;
        throw limited(1000);
      }
      order.push("first");
    });
    await new Promise((r) => setImmediate(r));
    const rest = ["second", "third"].map((name) => gate.run(async () => void order.push(name)));
    await Promise.all([first, ...rest]);
    assert.deepEqual(order, ["first", "second", "third"]);
    assert.equal(
      clock.slept.reduce((a, b) => a + b, 0),
      1000,
      "the pause is waited once, not once per write",
    );
  });

  it("reports other errors at once, a wait longer than a minute at once, and gives up after bounded retries", async () => {
    const { gate } = fakeClock();
    let calls = 0;
    await assert.rejects(
      gate.run(async () => {
        calls++;
        throw new SecondDataError("not_found", "gone");
      }),
      /gone/,
    );
    assert.equal(calls, 1);
    await assert.rejects(
      gate.run(async () => Promise.reject(limited(3_600_000))),
      (e: SecondDataError) => e.code === "rate_limited" && e.retryAfterMs === 3_600_000,
    );
    calls = 0;
    await assert.rejects(
      gate.run(async () => {
        calls++;
        throw limited(10);
      }),
    );
    assert.equal(calls, MAX_RATE_LIMIT_RETRIES + 1);
  });
});

describe("platform clients back off on 429", () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  const tooMany = (retryAfter: string) =>
    new Response(JSON.stringify({ error: { code: "rate_limited", message: "Too many changes from you right now. Try again in 1 s." } }), {
      status: 429,
      headers: { "retry-after": retryAfter, "content-type": "application/json" },
    });

  it("the frontend API client waits out a short Retry-After and sends again; a long one is reported", async () => {
    const replies = [tooMany("0"), new Response(JSON.stringify({ ok: true }), { status: 200 })];
    const sent: string[] = [];
    globalThis.fetch = async (input) => {
      sent.push(String(input));
      return replies.shift()!;
    };
    assert.deepEqual(await ok(api.workspaces.$post({ json: { name: "x" } })), { ok: true });
    assert.equal(sent.length, 2);

    globalThis.fetch = async () => tooMany("3600");
    await assert.rejects(
      ok(api.workspaces.$post({ json: { name: "x" } })),
      (e) => e instanceof ApiClientError && e.status === 429 && e.code === "rate_limited" && e.retryAfterMs === 3_600_000,
    );
  });

  it("the app data bridge refuses further writes until Retry-After has passed, without calling the platform; reads go on", async () => {
    const target = dataApi({ workspaceId: "ws_1", appId: "app_1", version: "draft" });
    let calls = 0;
    globalThis.fetch = async () => {
      calls++;
      return tooMany("30");
    };
    await assert.rejects(target.insert("rows", { n: 1 }), (e) => e instanceof ApiClientError && e.code === "rate_limited" && e.retryAfterMs === 30_000);
    await assert.rejects(target.insert("rows", { n: 2 }), (e) => e instanceof ApiClientError && e.code === "rate_limited" && (e.retryAfterMs ?? 0) > 28_000);
    await assert.rejects(target.remove("rows", "d1"), (e) => e instanceof ApiClientError && e.code === "rate_limited");
    assert.equal(calls, 1, "writes during the pause never reached the platform");
    globalThis.fetch = async () => {
      calls++;
      return new Response(JSON.stringify({ docs: [] }), { status: 200 });
    };
    assert.deepEqual(await target.list("rows"), { docs: [] });
    assert.equal(calls, 2);
  });
});
