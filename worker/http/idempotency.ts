import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-types.ts";
import { ApiError } from "../../platform/api-error.ts";
import { IdempotencyKeysRepository } from "../../platform/repositories/idempotency-keys.ts";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
const KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;
const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 100;
const PURGE_SAMPLE_RATE = 1 / 32;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function replay(status: number, body: string): Response {
  return new Response(body, { status, headers: { "content-type": "application/json; charset=UTF-8", "Idempotency-Replayed": "true" } });
}

/**
 * A POST that carries an Idempotency-Key runs once per person, route and key for a day: a repeat
 * (a double click, a retried request) gets the first answer back instead of a second resource.
 * A repeat that arrives while the first is still running waits for it. Only successful JSON
 * answers are remembered; a failure frees the key so a corrected retry can run.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  const actor = c.get("actor");
  if (c.req.method !== "POST" || key === undefined || !actor) return next();
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError("bad_request", `${IDEMPOTENCY_HEADER} must be 8 to 200 visible ASCII characters.`);
  }
  const repo = new IdempotencyKeysRepository(c.env);
  const id = `${actor._id} POST ${c.req.path} ${key}`;
  const requestHash = await sha256(await c.req.text());

  if (!(await repo.claim(id, actor._id, requestHash))) {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const first = await repo.find(id);
      if (first && first.requestHash !== requestHash) {
        throw new ApiError("conflict", `This ${IDEMPOTENCY_HEADER} was already used with a different request body.`);
      }
      if (first?.state === "done" && first.status !== undefined && first.body !== undefined) return replay(first.status, first.body);
      // The first request failed (its claim was released) or expired: run this one.
      if (!first && (await repo.claim(id, actor._id, requestHash))) break;
      if (Date.now() > deadline) throw new ApiError("conflict", "The first request with this key is still running; retry shortly.");
      await sleep(POLL_MS);
    }
  }

  // Housekeeping off the hot path: expired keys are already ignored, so a sample of requests purges them.
  if (Math.random() < PURGE_SAMPLE_RATE) await repo.purgeExpired(actor._id);
  try {
    await next();
  } catch (error) {
    await repo.release(id);
    throw error;
  }
  const type = c.res.headers.get("content-type") ?? "";
  if (c.res.ok && !c.error && type.includes("application/json")) {
    await repo.complete(id, c.res.status, await c.res.clone().text());
  } else {
    await repo.release(id);
  }
});
