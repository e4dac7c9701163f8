import { z } from "zod";
import { appVersionSchema } from "./apps.ts";
import { collectionNameSchema, DEFAULT_PAGE_LIMIT, docDataSchema, docIdSchema, MAX_PAGE_LIMIT, pageCursorSchema } from "./app-data.ts";

/** A stored app_data document inside a relayed change (dates arrive as ISO strings over JSON). */
const relayedDocSchema = z.object({
  _id: z.string(),
  workspaceId: z.string(),
  appId: z.string(),
  collection: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  mutationId: z.string().nullish(),
});

/** POST /api/internal/data-changes: one batch from the ChangeRelay (MongoDB change-stream shape). */
export const relayChangeSchema = z.object({
  /** The change's resume token data: unique per change, used as the Channel's dedup key. */
  eventId: z.string().min(1),
  operationType: z.enum(["insert", "update", "replace", "delete"]),
  documentKey: z.object({ _id: z.string() }),
  fullDocument: relayedDocSchema.nullish(),
  fullDocumentBeforeChange: relayedDocSchema.nullish(),
});
export type RelayChange = z.infer<typeof relayChangeSchema>;
export const relayBatchSchema = z.object({ changes: z.array(relayChangeSchema).min(1).max(1000) });
export type RelayBatch = z.infer<typeof relayBatchSchema>;

const agentTarget = {
  workspaceId: z.string().min(1),
  appId: z.string().min(1),
  version: appVersionSchema,
  agentId: z.string().min(1).max(100),
  collection: collectionNameSchema,
};

/** POST /api/internal/app-data-write (docs/http-api.md#internal-routes): the filter must carry _id for update and delete. */
export const agentDataWriteSchema = z.discriminatedUnion("operation", [
  z.object({ ...agentTarget, operation: z.literal("insert"), data: docDataSchema }).strict(),
  z.object({ ...agentTarget, operation: z.literal("update"), filter: z.object({ _id: docIdSchema }).strict(), data: docDataSchema }).strict(),
  z.object({ ...agentTarget, operation: z.literal("upsert"), filter: z.object({ _id: docIdSchema }).strict(), data: docDataSchema }).strict(),
  z.object({ ...agentTarget, operation: z.literal("delete"), filter: z.object({ _id: docIdSchema }).strict() }).strict(),
]);
export type AgentDataWrite = z.infer<typeof agentDataWriteSchema>;

/** POST /api/internal/app-data-read: one page of a list (as GET .../data), or one document when docId is given. */
export const agentDataReadSchema = z
  .object({
    ...agentTarget,
    docId: docIdSchema.optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
    cursor: pageCursorSchema.optional(),
  })
  .strict();
export type AgentDataRead = z.infer<typeof agentDataReadSchema>;
