import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Tool } from "@anthropic-ai/sdk/resources/messages";
import { readWorkspace, restorePlatformFiles } from "../build/app-workspace.ts";
import { workspacePath } from "../build/workspace-path.ts";
import { buildApp } from "../build/build-app.ts";
import { typecheck } from "./typecheck.ts";
import { agentsJsonSchema, unsupportedToolsProblem } from "../../../shared/agents/agents-json.ts";
import { agentsJsonInputSchema } from "./agents-json-input.ts";
import { integrationSetupInputSchema } from "./integration-setup-input.ts";
import { INTEGRATION_SETUP_FILE, integrationSetupSchema, type PresentedIntegrationSetup } from "../../../shared/integrations/setup.ts";

const filePath = z
  .string()
  .min(1)
  .max(300)
  .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "A path inside the app workspace.");

const inputs = {
  list_files: z.object({}),
  read_file: z.object({ path: filePath }),
  write_file: z.object({ path: filePath, content: z.string().max(400_000) }),
  edit_file: z.object({ path: filePath, old_text: z.string().min(1), new_text: z.string() }),
  delete_file: z.object({ path: filePath }),
  present_plan: z.object({ summary: z.string(), steps: z.array(z.string()).min(1).max(20) }),
  present_agents: agentsJsonSchema,
  present_integration_setup: integrationSetupSchema,
  done_building: z.object({ summary: z.string().optional() }),
};
export type ToolName = keyof typeof inputs;

const describe = (name: ToolName, description: string, schema: Tool["input_schema"]): Tool => ({ name, description, input_schema: schema });

/** The builder's tools as the model sees them. */
export const builderTools: Tool[] = [
  describe("list_files", "List the files of the app workspace (without node_modules and dist).", { type: "object", properties: {} }),
  describe("read_file", "Read one file of the app workspace.", { type: "object", properties: { path: { type: "string" } }, required: ["path"] }),
  describe("write_file", "Create or overwrite a file with its full content.", {
    type: "object",
    properties: { path: { type: "string" }, content: { type: "string" } },
    required: ["path", "content"],
  }),
  describe("edit_file", "Replace one exact occurrence of old_text with new_text in a file.", {
    type: "object",
    properties: { path: { type: "string" }, old_text: { type: "string" }, new_text: { type: "string" } },
    required: ["path", "old_text", "new_text"],
  }),
  describe("delete_file", "Delete a file.", { type: "object", properties: { path: { type: "string" } }, required: ["path"] }),
  describe("present_plan", "Show the user your plan before building.", {
    type: "object",
    properties: { summary: { type: "string" }, steps: { type: "array", items: { type: "string" } } },
    required: ["summary", "steps"],
  }),
  describe(
    "present_agents",
    "Write agents.json: background agents the app can start and tools app code may call (an admin approves them). The whole file: every agent, every time.",
    agentsJsonInputSchema,
  ),
  describe(
    "present_integration_setup",
    "Write integration-setup.json: the outside systems the app's tools call (one entry per domain + keySlug, with the secrets an admin must set). The whole file, every time. People see it as a setup card; an owner or admin configures each integration.",
    integrationSetupInputSchema,
  ),
  describe("done_building", "Typecheck and build the app. Call it when the app is ready; fix any errors it reports.", {
    type: "object",
    properties: { summary: { type: "string" } },
  }),
];

export interface ToolOutcome {
  output: unknown;
  isError: boolean;
  /** Set by done_building. */
  build?: { ok: boolean; errors?: string; bytes?: number };
}

const ok = (output: unknown): ToolOutcome => ({ output, isError: false });
const fail = (message: string): ToolOutcome => ({ output: message, isError: true });

/** Runs one tool call inside the workspace; every failure is reported to the model, not thrown. */
export async function runTool(dir: string, name: string, rawInput: unknown): Promise<ToolOutcome> {
  if (!(name in inputs)) return fail(`Unknown tool ${name}.`);
  const parsed = inputs[name as ToolName].safeParse(rawInput);
  if (!parsed.success) return fail(`Invalid input for ${name}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const input = parsed.data as Record<string, unknown>;
  // Every file tool lands inside the app's own files (realpath-checked), or is refused.
  const target = typeof input.path === "string" ? await workspacePath(dir, input.path) : null;
  if (target && !target.ok) return fail(target.error);
  const at = () => (target?.ok ? target.file : dir);
  switch (name as ToolName) {
    case "list_files": {
      const files = Object.keys(await readWorkspace(dir)).filter((f) => !f.startsWith("dist/"));
      return ok(files.sort());
    }
    case "read_file":
      return readFile(at(), "utf8").then(ok, () => fail(`No file ${String(input.path)}.`));
    case "write_file":
      await mkdir(path.dirname(at()), { recursive: true });
      await writeFile(at(), String(input.content));
      return ok(`Wrote ${String(input.path)}.`);
    case "edit_file": {
      const current = await readFile(at(), "utf8").catch(() => null);
      if (current === null) return fail(`No file ${String(input.path)}.`);
      const count = current.split(String(input.old_text)).length - 1;
      if (count !== 1) return fail(`old_text must occur exactly once in ${String(input.path)}; it occurs ${count} times.`);
      await writeFile(
        at(),
        current.replace(String(input.old_text), () => String(input.new_text)),
      );
      return ok(`Edited ${String(input.path)}.`);
    }
    case "delete_file":
      await rm(at(), { force: true });
      return ok(`Deleted ${String(input.path)}.`);
    case "present_plan":
      return ok("The plan is shown to the user. Go ahead and build it.");
    case "present_agents": {
      await writeFile(path.join(dir, "agents.json"), `${JSON.stringify(input, null, 2)}\n`);
      const refused = agentsJsonSchema
        .parse(input)
        .agents.map(unsupportedToolsProblem)
        .filter((p) => p !== null);
      if (refused.length) return fail(`agents.json written, but ${refused.join(" ")} Remove those tools.`);
      return ok("agents.json written. An admin must approve it before the agents can touch data or call integrations.");
    }
    case "present_integration_setup": {
      const setup = integrationSetupSchema.parse(input);
      await writeFile(path.join(dir, INTEGRATION_SETUP_FILE), `${JSON.stringify(setup, null, 2)}\n`);
      const names = setup.integrations.map((i) => i.displayName).join(", ") || "none";
      const presented: PresentedIntegrationSetup = {
        setup,
        message: `integration-setup.json written (${names}). An owner or admin configures each integration; tools that use one fail clearly until then.`,
      };
      return ok(presented);
    }
    case "done_building": {
      await restorePlatformFiles(dir);
      const [types, built] = await Promise.all([typecheck(dir), buildApp(dir)]);
      const errors = [types.ok ? "" : `Typecheck failed:\n${types.errors}`, built.ok ? "" : `Build failed:\n${built.errors}`].filter(Boolean).join("\n\n");
      if (errors) return { output: errors, isError: true, build: { ok: false, errors } };
      return { output: "Typecheck and build passed. The preview shows the new version.", isError: false, build: { ok: true, bytes: built.ok ? built.bytes : 0 } };
    }
  }
}
