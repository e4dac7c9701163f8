import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { decodeCursor, encodeCursor } from "../../platform/store/keyset-cursor.ts";
import { queryParams } from "../http/validate.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { auditQuerySchema, type AuditEvent } from "../../shared/api/audit.ts";
import { auditCollection, type AuditEventDoc } from "../services/audit.ts";

const toEvent = (doc: AuditEventDoc): AuditEvent => {
  const { _id, occurredAt, observedAt, ...rest } = doc;
  return { ...rest, id: _id, occurredAt: occurredAt.toISOString(), observedAt: observedAt.toISOString() };
};

/** GET /api/workspaces/:wId/audit: newest first, filtered, paged by an opaque (occurredAt, id) cursor. */
export const auditRoutes = new Hono<AppEnv>().get("/", queryParams(auditQuerySchema), async (c) => {
  const { workspace } = await requirePermission(c, "audit:read");
  const q = c.req.valid("query");
  const filter: Record<string, unknown> = { workspaceId: workspace._id };
  if (q.category) filter.category = q.category;
  if (q.eventName) filter.eventName = q.eventName;
  if (q.actorId) filter["actor.id"] = q.actorId;
  const range: Record<string, Date> = {};
  if (q.from) range.$gte = new Date(q.from);
  if (q.to) range.$lte = new Date(q.to);
  if (Object.keys(range).length) filter.occurredAt = range;
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
    filter.$or = [{ occurredAt: { $lt: at } }, { occurredAt: at, _id: { $lt: id } }];
  }
  const docs = await auditCollection(c.env).find(filter, { sort: { occurredAt: -1, _id: -1 }, limit: q.limit + 1 });
  const page = docs.slice(0, q.limit);
  const nextCursor = docs.length > q.limit ? encodeCursor(page.at(-1)!.occurredAt, page.at(-1)!._id) : null;
  return c.json({ events: page.map(toEvent), nextCursor });
});
