import { z } from "zod";

export const storeKindSchema = z.enum(["embedded", "mongo"]);
export type StoreKind = z.infer<typeof storeKindSchema>;

export const healthSchema = z.object({
  ok: z.boolean(),
  store: storeKindSchema,
  version: z.string(),
  authMode: z.enum(["none", "external"]),
  runner: z.object({ ok: z.boolean(), via: z.enum(["container", "url"]), detail: z.string().optional() }),
  time: z.string(),
});
export type Health = z.infer<typeof healthSchema>;
