import { z } from "zod";
import type { AppSpec as KitAppSpec } from "./app-kit/fields.ts";

/**
 * The app spec the demo model writes to src/app-spec.ts and reads back (through read_file) before
 * every change. It crosses a boundary (a file anyone may have edited), so it is parsed, not trusted.
 */
export const fieldKindSchema = z.enum(["text", "longtext", "number", "amount", "date", "boolean", "email", "choice"]);
export const fieldSpecSchema = z.object({
  key: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/),
  label: z.string().min(1).max(60),
  kind: fieldKindSchema,
  options: z.array(z.string().min(1).max(40)).min(1).max(12).optional(),
});
export const appSpecSchema = z.object({
  title: z.string().min(1).max(80),
  subtitle: z.string().max(160),
  item: z.string().min(1).max(60),
  collection: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  layout: z.enum(["table", "board", "log"]),
  fields: z.array(fieldSpecSchema).min(1).max(24),
  primaryKey: z.string(),
  statusKey: z.string().optional(),
  agent: z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), name: z.string().min(1).max(80) }).optional(),
  integration: z
    .object({ domain: z.string().min(3).max(253), apiOrigin: z.string().regex(/^https?:\/\/[^/\s]+$/), toolName: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/) })
    .optional(),
});
export type AppSpec = z.infer<typeof appSpecSchema>;
export type FieldSpec = z.infer<typeof fieldSpecSchema>;
export type FieldKind = z.infer<typeof fieldKindSchema>;

// The in-app kit declares the same shape without zod; keep the two in step.
const sameShape: [AppSpec] extends [KitAppSpec] ? ([KitAppSpec] extends [AppSpec] ? true : false) : false = true;
void sameShape;

export const SPEC_PATH = "src/app-spec.ts";
const MARKER = "export const APP_SPEC: AppSpec = ";

/** The spec inside src/app-spec.ts, or why it cannot be read. */
export function readSpecSource(source: string): { spec: AppSpec } | { problem: string } {
  const start = source.indexOf(MARKER);
  const end = source.lastIndexOf("\n};");
  if (start === -1 || end < start) return { problem: `${SPEC_PATH} no longer holds the spec I wrote` };
  let json: unknown;
  try {
    json = JSON.parse(source.slice(start + MARKER.length, end + 2));
  } catch {
    return { problem: `${SPEC_PATH} is no longer plain JSON` };
  }
  const parsed = appSpecSchema.safeParse(json);
  return parsed.success ? { spec: parsed.data } : { problem: `${SPEC_PATH} does not match the spec shape I know` };
}

export const specSource = (spec: AppSpec, entityType: string): string =>
  `import type { AppSpec } from "./kit/fields.ts";

/** One ${spec.item}, as stored in the "${spec.collection}" collection. */
${entityType}

// The app's data model. The offline demo builder reads this file back to make changes: keep it JSON.
${MARKER}${JSON.stringify(spec, null, 2)};
`;
