import { Navigate } from "react-router";
import { isApiError } from "../api/client.ts";
import { useMe } from "../api/queries.ts";
import { ErrorNotice, Loading } from "../components/feedback.tsx";

/** "/" sends people where their onboarding state says (docs/architecture.md#scopes-and-tenancy). */
export function RootRedirect() {
  const me = useMe();
  if (me.isLoading) return <Loading label="Signing you in…" />;
  if (isApiError(me.error, "identity_required") || isApiError(me.error, "profile_required")) return <Navigate to="/onboarding/identity" replace />;
  if (me.error || !me.data) return <ErrorNotice error={me.error} />;
  const first = me.data.workspaces[0];
  return first ? <Navigate to={`/w/${first.id}`} replace /> : <Navigate to="/onboarding/workspace" replace />;
}
