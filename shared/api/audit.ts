import { z } from "zod";

export const auditOutcomeSchema = z.enum(["success", "denied", "failure", "started", "completed"]);
export const auditSeveritySchema = z.enum(["info", "notice", "warning", "critical"]);
export const auditSourceSchema = z.enum(["platform", "builder_agent", "app_iframe", "app_agent", "worker", "system"]);

export const auditActorSchema = z.object({ type: z.enum(["user", "agent", "worker", "app", "system"]), id: z.string(), displayName: z.string().optional() });
export const auditTargetSchema = z.object({ type: z.string(), id: z.string() });
export const auditChangeSchema = z.object({ field: z.string(), beforeHash: z.string().nullable(), afterHash: z.string().nullable() });

export const auditEventSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  occurredAt: z.string(),
  observedAt: z.string(),
  eventName: z.string(),
  category: z.string(),
  actor: auditActorSchema,
  source: auditSourceSchema,
  target: auditTargetSchema,
  outcome: auditOutcomeSchema,
  severity: auditSeveritySchema,
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  changes: z.array(auditChangeSchema),
  relatedIds: z.record(z.string(), z.string()),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.object({
  category: z.string().max(40).optional(),
  eventName: z.string().max(80).optional(),
  actorId: z.string().max(80).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({ events: z.array(auditEventSchema), nextCursor: z.string().nullable() });
