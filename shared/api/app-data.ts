import { z } from "zod";
import { appVersionSchema } from "./apps.ts";

/** docs/http-api.md#app-data: 1-64 letters, digits, `_` and `-`. */
export const collectionNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "A collection name is 1-64 letters, digits, _ or -.");

/** Documents are at most this large (JSON of the data); larger ones are refused with 413. */
export const MAX_DOC_BYTES = 256 * 1024;

export const docIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a document id.");
/** The `:docId` path parameter (other parameters of the path pass through). */
export const docIdParamsSchema = z.object({ docId: docIdSchema });

/** The app's fields. Top-level `_`-prefixed keys are reserved for the platform. */
export const docDataSchema = z
  .record(z.string(), z.unknown())
  .refine((data) => Object.keys(data).every((key) => !key.startsWith("_")), { message: "Top-level fields starting with _ are reserved (e.g. _id)." })
  .refine((data) => Object.keys(data).every((key) => key.length > 0 && !key.includes(".") && !key.startsWith("$")), {
    message: "Field names must not be empty, contain '.' or start with '$'.",
  });

/** A client mutation id lets the writer recognise its own change when it comes back live. */
export const mutationIdSchema = z.string().min(1).max(64);

export const insertDocBodySchema = z.object({ collection: collectionNameSchema, data: docDataSchema, mutationId: mutationIdSchema.optional() }).strict();
export const patchDocBodySchema = insertDocBodySchema;

export const dataQuerySchema = z.object({ collection: collectionNameSchema, version: appVersionSchema.default("published") });

/** Pages of a collection, newest update first: `limit` documents (and never more than a few MB), then `nextCursor`. */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;
export const pageCursorSchema = z.string().min(1).max(300);
export const dataListQuerySchema = dataQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
  cursor: pageCursorSchema.optional(),
});
export const versionQuerySchema = z.object({ version: appVersionSchema.default("published") });
export const deleteQuerySchema = dataQuerySchema.extend({ mutationId: mutationIdSchema.optional() });

/** A document as clients see it: `{_id, ...data}` plus reserved `_createdAt` / `_updatedAt`. */
export const clientDocSchema = z.object({ _id: z.string(), _createdAt: z.string(), _updatedAt: z.string() }).catchall(z.unknown());
export type ClientDoc = z.infer<typeof clientDocSchema>;

/** GET .../data?collection=: one page; `nextCursor` is null on the last page. */
export const dataPageSchema = z.object({ docs: z.array(clientDocSchema), nextCursor: z.string().nullable() });
export type DataPage = z.infer<typeof dataPageSchema>;

/** Change events on GET .../data/stream (`id: <seq>`), and `reset` when a resume point is gone. */
export const dataChangeEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("insert"), collection: z.string(), doc: clientDocSchema, mutationId: z.string().optional() }),
  z.object({ type: z.literal("update"), collection: z.string(), docId: z.string(), doc: clientDocSchema, mutationId: z.string().optional() }),
  z.object({ type: z.literal("delete"), collection: z.string(), docId: z.string(), mutationId: z.string().optional() }),
  z.object({ type: z.literal("reset") }),
]);
export type DataChangeEvent = z.infer<typeof dataChangeEventSchema>;
