import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { optionalJsonBody, queryParams } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { appAccess } from "../guard/app-access.ts";
import { AppsRepository, type AppDoc } from "../../platform/repositories/apps.ts";
import { ReviewsRepository } from "../../platform/repositories/reviews.ts";
import { TeamsRepository } from "../../platform/repositories/teams.ts";
import { can } from "../../shared/api/roles.ts";
import { reviewDecisionBodySchema, reviewsQuerySchema } from "../../shared/api/publishing.ts";
import { approveReview, rejectReview, toReviews } from "../services/reviews.ts";

const decider = (c: Context<AppEnv>) => {
  const actor = actorOf(c);
  return { id: actor._id, displayName: actor.displayName };
};

/** Apps whose reviews the caller may see: every app for owners and admins, else the ones they build. */
async function reviewableApps(c: Context<AppEnv>): Promise<Map<string, AppDoc>> {
  const ws = c.var.ws;
  const me = actorOf(c);
  const seesAll = can(ws.role, "apps:publish");
  const teamIds = await new TeamsRepository(c.env).teamIdsOf(ws.workspace._id, me._id);
  const apps = await new AppsRepository(c.env).listVisible(ws.workspace._id, seesAll, me._id, teamIds);
  const editable = [];
  for (const app of apps) if ((await appAccess(c, ws, app)).canEdit) editable.push(app);
  return new Map(editable.map((a) => [a._id, a]));
}

/** /api/workspaces/:wId/reviews: the review inbox (owners/admins decide; builders follow their requests). */
export const reviewRoutes = new Hono<AppEnv>()
  .get("/", queryParams(reviewsQuerySchema), async (c) => {
    const ws = await requirePermission(c, "workspace:read");
    const q = c.req.valid("query");
    const apps = await reviewableApps(c);
    const appIds = q.appId ? (apps.has(q.appId) ? [q.appId] : []) : [...apps.keys()];
    const docs = appIds.length ? await new ReviewsRepository(c.env).list(ws.workspace._id, { status: q.status, appIds }) : [];
    return c.json({ reviews: await toReviews(c.env, docs, apps) });
  })
  .post("/:reviewId/approve", optionalJsonBody(reviewDecisionBodySchema), async (c) => {
    const ws = await requirePermission(c, "apps:publish");
    const { comment } = c.req.valid("json");
    const { review, app } = await approveReview(c.env, ws.workspace._id, c.req.param("reviewId"), decider(c), comment);
    const [shown] = await toReviews(c.env, [review], new Map([[app._id, app]]));
    return c.json({ review: shown });
  })
  .post("/:reviewId/reject", optionalJsonBody(reviewDecisionBodySchema), async (c) => {
    const ws = await requirePermission(c, "apps:publish");
    const { comment } = c.req.valid("json");
    const review = await rejectReview(c.env, ws.workspace._id, c.req.param("reviewId"), decider(c), comment);
    const app = await new AppsRepository(c.env).byId(ws.workspace._id, review.resourceId);
    const [shown] = app ? await toReviews(c.env, [review], new Map([[app._id, app]])) : [];
    return c.json({ review: shown ?? null });
  });
