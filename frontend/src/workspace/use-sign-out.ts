import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api, ok } from "../api/client.ts";
import { resetAnonymousId } from "../analytics/analytics.ts";

export function useSignOut() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async () => {
    await ok(api.auth.logout.$post());
    resetAnonymousId();
    queryClient.clear();
    navigate("/onboarding/identity");
  };
}
