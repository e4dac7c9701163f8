import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { storedState } from "./support/stored-state.ts";
import { endpoints, fillPath, label, send } from "./support/routes.ts";
import { bodyFor, headers, pathSegment, query } from "./support/fuzz-input.ts";
import { ORIGIN, type Person, workspaceWithPeople } from "./support/person.ts";
import { agentRunCapability, builderTurnCapability } from "../support/capabilities.ts";

/** Runs per endpoint: enough to hit every kind of bad input over a few CI runs, small enough to stay fast. */
const RUNS_PER_ENDPOINT = 6;

interface Fixture {
  owner: Person;
  workspaceId: string;
  ids: Record<string, string>;
}

/** A workspace with one of everything, so real ids reach past the guards into the handlers. */
async function fixture(): Promise<Fixture> {
  const { owner, member, workspaceId } = await workspaceWithPeople("fuzz");
  const base = `/api/workspaces/${workspaceId}`;
  const aId = (await owner.post(`${base}/apps`, { name: "Fuzzed" })).body.app.id;
  const teamId = (await owner.post(`${base}/teams`, { name: "Fuzz team" })).body.team.id;
  const docId = (await owner.post(`${base}/apps/${aId}/data`, { collection: "leads", data: { name: "Ada" } })).body.doc._id;
  const runId = (await owner.post(`${base}/apps/${aId}/runs`, {})).body.run.id;
  return { owner, workspaceId, ids: { wId: workspaceId, aId, teamId, docId, runId, userId: member.id, invitationId: "inv_00000000000000000000" } };
}

/**
 * Each internal endpoint's own credential, bound to the fixture's app, so fuzzing reaches the
 * handlers behind the capability checks (test/worker/vitest.config.ts holds the keys).
 */
async function internalCredential(path: string, target: { workspaceId: string; appId: string }): Promise<string> {
  if (path.endsWith("/data-changes")) return "test-relay-token";
  if (path.includes("/app-data-")) return agentRunCapability(env.SECOND_CAPABILITY_KEY!, { ...target, agentId: "enricher", collections: ["leads"] });
  return builderTurnCapability(env.SECOND_CAPABILITY_KEY!, target);
}

/** Reads first, destructive last, so a request that is accepted removes as little as possible for the rest. */
const ORDER = ["GET", "POST", "PATCH", "PUT", "DELETE"];

describe("every route under generated bad input", () => {
  it("never answers 5xx, answers 4xx with an error body, and a refused request changes nothing", { timeout: 240_000 }, async () => {
    const { owner, workspaceId, ids } = await fixture();
    const routes = endpoints().sort((a, b) => ORDER.indexOf(a.method) - ORDER.indexOf(b.method) || a.path.localeCompare(b.path));
    expect(routes.length).toBeGreaterThan(40);
    let before = await storedState(workspaceId);
    const tally = { refused: 0, accepted: 0 };

    for (const endpoint of routes) {
      // Mostly one thing wrong at a time, so requests get past the guards into the handlers.
      const request = fc.record({
        // Each parameter keeps its real id or gets something hostile.
        segments: fc.array(fc.option(pathSegment, { freq: 5 }), { minLength: endpoint.params.length, maxLength: endpoint.params.length }),
        query: fc.option(query, { freq: 2 }),
        headers: fc.oneof({ arbitrary: fc.constant({}), weight: 3 }, { arbitrary: headers, weight: 1 }),
        body: bodyFor(endpoint.path),
      });
      await fc
        .assert(
          fc.asyncProperty(request, async (input) => {
            const path = fillPath(endpoint, (param, i) => input.segments[i] ?? encodeURIComponent(ids[param] ?? "unknown"));
            // Routes that need a collection find one; a hostile query is tried on its own.
            const url = `${path}?${input.query ?? "collection=leads"}`;
            const credentials = endpoint.path.startsWith("/api/internal/")
              ? { authorization: `Bearer ${await internalCredential(endpoint.path, { workspaceId, appId: ids.aId! })}` }
              : { cookie: owner.cookie! };
            const sent = await send(endpoint.method, url, { origin: ORIGIN, ...credentials, "content-type": "application/json", ...input.headers }, input.body);
            expect(sent.status, `${endpoint.method} ${url}`).toBeLessThan(500);
            if (sent.status >= 400) {
              // API errors are JSON in one shape; the published-app pages (/a/...) answer browsers with a page.
              if (endpoint.path.startsWith("/api/")) {
                expect(sent.body, `${endpoint.method} ${url}: error body`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
              }
              expect(await storedState(workspaceId), `${endpoint.method} ${url} was refused (${sent.status}) but changed stored data`).toBe(before);
              tally.refused++;
            } else {
              // The generated input happened to be acceptable; what it changed is the new baseline.
              before = await storedState(workspaceId);
              tally.accepted++;
              if (endpoint.path.startsWith("/api/auth/")) await owner.signIn();
            }
          }),
          { numRuns: RUNS_PER_ENDPOINT, endOnFailure: true },
        )
        .catch((error: unknown) => {
          // fast-check's message carries the seed and path that reproduce the failure.
          throw new Error(`${label(endpoint)}: ${error instanceof Error ? error.message : String(error)}`);
        });
    }
    console.info(`route fuzz: ${routes.length} endpoints, ${tally.refused} refused, ${tally.accepted} accepted`);
    expect(tally.refused).toBeGreaterThan(tally.accepted);
  });
});
