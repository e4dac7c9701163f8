import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { errorBodySchema } from "../../shared/api/errors.ts";
import { healthSchema } from "../../shared/api/health.ts";

const api = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://example.com${path}`, init));

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = errorBodySchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
  return body;
}

describe("HTTP core", () => {
  it("reports health with the embedded store and a request id", async () => {
    const response = await api("/api/health");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toMatch(/.+/);
    const health = healthSchema.parse(await response.json());
    expect(health.store).toBe("embedded");
    expect(health.ok).toBe(true);
    // RUNNER_URL points at the runner started by global-setup.ts.
    expect(health.runner).toMatchObject({ ok: true, via: "url" });
  });

  it("answers an unknown API route with a JSON 404", async () => {
    await expectError(await api("/api/nope"), 404, "not_found");
    await expectError(await api("/api/health/deeper", { method: "DELETE" }), 404, "not_found");
  });

  it("rejects a 2 MB body with 413 before routing", async () => {
    const big = JSON.stringify({ blob: "x".repeat(2 * 1024 * 1024) });
    const response = await api("/api/health", { method: "POST", headers: { "content-type": "application/json" }, body: big });
    await expectError(response, 413, "payload_too_large");
  });

  it("rejects a streamed oversized body (no content-length) with 413 once the route reads it", async () => {
    const chunk = new TextEncoder().encode(`{"displayName":"${"x".repeat(64 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await api("/api/auth/identity", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    await expectError(response, 413, "payload_too_large");
  });

  it("rejects a non-JSON body with 415", async () => {
    const response = await api("/api/health", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
    await expectError(response, 415, "unsupported_media_type");
    const noType = await api("/api/anything", { method: "PATCH", body: "hello" });
    await expectError(noType, 415, "unsupported_media_type");
  });

  it("answers a JSON POST to a GET-only route with 404, never 5xx", async () => {
    const response = await api("/api/health", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await expectError(response, 404, "not_found");
  });
});
