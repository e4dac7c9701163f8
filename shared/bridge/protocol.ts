import { z } from "zod";

/**
 * The postMessage protocol between the sandboxed app iframe and the platform (docs/wire-protocols.md#postmessage-bridge).
 * Requests carry a requestId; every reply echoes it. Both sides validate every message with these.
 */
const collection = z.string().min(1).max(64);
const docId = z.string().min(1).max(64);
const requestId = z.string().min(1).max(100);
const data = z.record(z.string(), z.unknown());
const doc = z.object({ _id: z.string() }).catchall(z.unknown());
const mutationId = z.string().min(1).max(64);
const agentId = z.string().min(1).max(63);
/** An agent's run as the app sees it. */
export const agentStatusSchema = z.enum(["idle", "running", "completed", "failed"]);
const agentSummary = z.object({ id: z.string(), name: z.string(), description: z.string() });
/** An opaque page cursor from the list route; lists are read page by page. */
const cursor = z.string().min(1).max(300);
const toolName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);

/**
 * App code calls an app tool (callIntegrationTool): only the tool's name and its input. URLs,
 * placeholders, credentials and tokens never cross the frame boundary.
 */
export const integrationExecuteRequestSchema = z.object({ type: z.literal("second:integration:execute"), toolName, input: data.default({}), requestId }).strict();
export type IntegrationExecuteRequest = z.infer<typeof integrationExecuteRequestSchema>;

export const iframeRequestSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("second:data:list"), collection, cursor: cursor.optional(), requestId }),
  z.object({ type: z.literal("second:data:doc"), collection, docId, requestId }),
  z.object({ type: z.literal("second:data:insert"), collection, data, requestId, mutationId: mutationId.optional() }),
  z.object({ type: z.literal("second:data:update"), collection, docId, data, requestId, mutationId: mutationId.optional() }),
  z.object({ type: z.literal("second:data:delete"), collection, docId, requestId, mutationId: mutationId.optional() }),
  z.object({ type: z.literal("second:agent:trigger"), agentId, input: z.union([z.string(), data]).optional(), requestId }),
  z.object({ type: z.literal("second:agent:list"), requestId }),
  integrationExecuteRequestSchema,
]);
export type IframeRequest = z.infer<typeof iframeRequestSchema>;

/**
 * A failed request: the iframe surfaces `message` and rolls back its optimistic state. A
 * `rate_limited` failure says how long to wait before trying again.
 */
const failure = z.object({ code: z.string(), message: z.string(), retryAfterMs: z.number().int().min(0).max(86_400_000).optional() });

/** The tool's answer: the upstream status and body, or why the call was refused or failed. */
export const integrationResultMessageSchema = z.object({
  type: z.literal("second:integration:result"),
  toolName,
  output: z.object({ status: z.number().int(), body: z.unknown(), truncated: z.boolean().optional() }).optional(),
  requestId,
  error: failure.optional(),
});
export type IntegrationResultMessage = z.infer<typeof integrationResultMessageSchema>;

export const parentMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("second:data:list-response"),
    collection,
    docs: z.array(doc).optional(),
    /** Where the next page starts; null or absent on the last page. */
    nextCursor: cursor.nullable().optional(),
    requestId,
    error: failure.optional(),
  }),
  z.object({ type: z.literal("second:data:doc-response"), collection, doc: doc.nullable().optional(), requestId, error: failure.optional() }),
  z.object({ type: z.literal("second:data:insert-response"), collection, doc: doc.optional(), requestId, error: failure.optional() }),
  z.object({ type: z.literal("second:data:update-response"), collection, docId, doc: doc.optional(), requestId, error: failure.optional() }),
  z.object({ type: z.literal("second:data:delete-response"), collection, docId, requestId, error: failure.optional() }),
  z.object({
    type: z.literal("second:data:change"),
    collection,
    operation: z.enum(["insert", "update", "delete"]),
    doc: doc.optional(),
    docId: z.string().optional(),
    mutationId: z.string().optional(),
  }),
  /** The live feed lost its place: refetch every collection. */
  z.object({ type: z.literal("second:data:reset") }),
  z.object({
    type: z.literal("second:agent:update"),
    agentId: z.string(),
    runId: z.string(),
    status: agentStatusSchema,
    output: z.string().nullable().optional(),
    requestId: requestId.optional(),
    error: failure.optional(),
  }),
  z.object({ type: z.literal("second:agent:list-response"), agents: z.array(agentSummary).optional(), requestId, error: failure.optional() }),
  integrationResultMessageSchema,
]);
export type ParentMessage = z.infer<typeof parentMessageSchema>;
export type ChangeMessage = Extract<ParentMessage, { type: "second:data:change" }>;

/** Which reply answers which request. */
export type ResponseTypeOf = {
  "second:data:list": "second:data:list-response";
  "second:data:doc": "second:data:doc-response";
  "second:data:insert": "second:data:insert-response";
  "second:data:update": "second:data:update-response";
  "second:data:delete": "second:data:delete-response";
  "second:agent:trigger": "second:agent:update";
  "second:agent:list": "second:agent:list-response";
  "second:integration:execute": "second:integration:result";
};
export type RequestType = IframeRequest["type"];
export type RequestBody<K extends RequestType> = Omit<Extract<IframeRequest, { type: K }>, "requestId">;
export type ResponseOf<K extends RequestType> = Extract<ParentMessage, { type: ResponseTypeOf[K] }>;
