import type { Env } from "../../platform/env.ts";
import { SnapshotsRepository, filesOf } from "../../platform/repositories/snapshots.ts";
import { agentsJsonSchema, type AgentsJson } from "../../shared/agents/agents-json.ts";
import { canonicalHash } from "../../shared/canonical-json.ts";
import { jsonShapeIssue } from "../../shared/api/json-limits.ts";
import type { SourceFiles } from "../../shared/api/snapshots.ts";

export type DraftAgents = { ok: true; config: AgentsJson; hash: string } | { ok: false; problem: string };

/** A snapshot's agents.json, validated, with the canonical-JSON hash approvals bind to. */
export async function agentsOfFiles(files: SourceFiles | null): Promise<DraftAgents> {
  const text = files?.["agents.json"];
  if (text === undefined) return { ok: false, problem: "The draft has no agents.json." };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: "agents.json is not valid JSON." };
  }
  // App source is as hostile as a request body: the same depth and __proto__ rules.
  const shape = jsonShapeIssue(json);
  if (shape) return { ok: false, problem: `agents.json is invalid: ${shape.path}: ${shape.message}` };
  const parsed = agentsJsonSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: `agents.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  return { ok: true, config: parsed.data, hash: await canonicalHash(parsed.data) };
}

/** The draft snapshot's agents.json (see agentsOfFiles). */
export async function draftAgents(env: Env, workspaceId: string, appId: string): Promise<DraftAgents> {
  const snapshot = await new SnapshotsRepository(env).get(workspaceId, appId, "draft");
  return agentsOfFiles(snapshot ? filesOf(snapshot) : null);
}
