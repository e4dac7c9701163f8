import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ORIGIN, type Person, workspaceWithPeople } from "./support/person.ts";
import { isAllowedHost } from "../../worker/http/allowed-host.ts";

/** A browser's WebSocket handshake, with the victim's cookie, from the page at `origin`. */
function upgrade(person: Person, url: string, headers: Record<string, string>) {
  return exports.default.fetch(
    new Request(url, {
      headers: { upgrade: "websocket", connection: "Upgrade", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==", cookie: person.cookie!, ...headers },
    }),
  );
}

async function feeds() {
  const people = await workspaceWithPeople("wsorigin");
  const app = await people.owner.post(`/api/workspaces/${people.workspaceId}/apps`, { name: "Feed app" });
  expect(app.status).toBe(201);
  return {
    ...people,
    paths: [`/api/workspaces/${people.workspaceId}/events`, `/api/workspaces/${people.workspaceId}/apps/${app.body.app.id}/data/stream?version=draft`],
  };
}

describe("WebSocket feeds check Origin (cross-site WebSocket hijacking)", () => {
  it("refuses an upgrade from another site, or without Origin but with a cookie, and opens a live feed from the platform's own page", async () => {
    const { owner, member, workspaceId, paths } = await feeds();
    for (const path of paths) {
      for (const origin of ["https://evil.example", "http://example.com.evil.example", "null"]) {
        const hijack = await upgrade(owner, `${ORIGIN}${path}`, { origin });
        expect.soft(hijack.status, `${path} from ${origin}`).toBe(403);
        expect.soft(hijack.webSocket, `${path} from ${origin}`).toBeNull();
        expect.soft(((await hijack.json()) as { error: { code: string } }).error.code).toBe("forbidden");
      }
      const noOrigin = await upgrade(owner, `${ORIGIN}${path}`, {});
      expect.soft(noOrigin.status, `${path} without Origin`).toBe(403);
    }

    const own = await upgrade(member, `${ORIGIN}${paths[0]}`, { origin: ORIGIN });
    expect(own.status).toBe(101);
    const ws = own.webSocket!;
    ws.accept();
    const frames: { type: string; data?: { type?: string } }[] = [];
    ws.addEventListener("message", (event) => frames.push(JSON.parse(String(event.data))));
    expect((await owner.patch(`/api/workspaces/${workspaceId}`, { name: "Renamed live" })).status).toBe(200);
    const deadline = Date.now() + 20_000;
    while (!frames.some((f) => f.type === "event") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(frames.find((f) => f.type === "event")?.data).toMatchObject({ type: "workspace.updated" });
    ws.close(1000, "done");
  });
});

describe("Host allowlist (DNS rebinding)", () => {
  it("serves nothing to a host name that is not configured, even same-origin from that host's point of view", async () => {
    const { owner, paths, workspaceId } = await feeds();
    const rebound = "http://rebind.attacker.example:8787";
    const read = await exports.default.fetch(new Request(`${rebound}/api/workspaces/${workspaceId}/members`, { headers: { cookie: owner.cookie!, origin: rebound } }));
    expect(read.status).toBe(403);
    expect(((await read.json()) as { error: { code: string } }).error.code).toBe("host_not_allowed");
    const write = await exports.default.fetch(
      new Request(`${rebound}/api/workspaces/${workspaceId}`, {
        method: "PATCH",
        headers: { cookie: owner.cookie!, origin: rebound, "content-type": "application/json" },
        body: JSON.stringify({ name: "Rebound" }),
      }),
    );
    expect(write.status).toBe(403);
    const socket = await upgrade(owner, `${rebound}${paths[0]}`, { origin: rebound });
    expect(socket.status).toBe(403);
    expect(socket.webSocket).toBeNull();
    expect((await owner.get(`/api/workspaces/${workspaceId}`)).body.workspace.name).toBe("wsorigin Inc");
  });

  it("answers loopback names and the configured hosts in none mode; external mode without a list leaves routing to Cloudflare", async () => {
    for (const url of ["http://localhost:8787/api/health", "http://127.0.0.1:9999/api/health", "http://[::1]:8787/api/health", "http://example.com/api/health"]) {
      expect.soft((await exports.default.fetch(new Request(url))).status, url).toBe(200);
    }
    const none = { ...env, SECOND_AUTH_MODE: "none", SECOND_PUBLIC_HOSTS: "second.corp.example, other.example:8443" };
    expect(isAllowedHost(none, new URL("https://second.corp.example/x"))).toBe(true);
    expect(isAllowedHost(none, new URL("https://other.example:8443/x"))).toBe(true);
    expect(isAllowedHost(none, new URL("https://other.example:9000/x"))).toBe(false);
    expect(isAllowedHost(none, new URL("https://second.corp.example.evil.example/x"))).toBe(false);
    expect(isAllowedHost({ ...none, SECOND_PUBLIC_HOSTS: undefined, PLATFORM_URL: "https://platform.example" }, new URL("https://platform.example/api"))).toBe(true);
    expect(isAllowedHost({ ...env, SECOND_AUTH_MODE: "external", SECOND_PUBLIC_HOSTS: undefined }, new URL("https://anything.example/"))).toBe(true);
    expect(isAllowedHost({ ...env, SECOND_AUTH_MODE: "external", SECOND_PUBLIC_HOSTS: "second.corp.example" }, new URL("https://anything.example/"))).toBe(false);
  });
});
