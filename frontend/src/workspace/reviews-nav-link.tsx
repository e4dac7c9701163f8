import { Badge, NavLink } from "@mantine/core";
import { IconChecklist } from "@tabler/icons-react";
import { Link } from "react-router";
import { useReviews } from "../api/publishing-queries.ts";
import { useCurrentWorkspace } from "./workspace-context.tsx";

/** The review inbox in the sidebar, with the number of pending requests the caller can see (live). */
export function ReviewsNavLink({ to, active }: { to: string; active: boolean }) {
  const ws = useCurrentWorkspace();
  const pending = useReviews(ws.id, "pending");
  const count = pending.data?.length ?? 0;
  return (
    <NavLink
      component={Link}
      to={to}
      label="Reviews"
      leftSection={<IconChecklist size={18} />}
      active={active}
      rightSection={
        count > 0 ? (
          <Badge size="sm" circle data-testid="pending-reviews">
            {count}
          </Badge>
        ) : null
      }
    />
  );
}
