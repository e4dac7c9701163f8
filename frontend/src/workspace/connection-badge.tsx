import { Badge, Tooltip } from "@mantine/core";
import { useWorkspaceEvents } from "../realtime/workspace-events-provider.tsx";

const look = {
  live: { color: "teal", label: "Live", hint: "Changes by others appear as they happen." },
  connecting: { color: "gray", label: "Connecting", hint: "Opening the live connection…" },
  reconnecting: { color: "orange", label: "Reconnecting", hint: "The live connection dropped; reconnecting without losing changes." },
} as const;

export function ConnectionBadge() {
  const { state } = useWorkspaceEvents();
  const { color, label, hint } = look[state];
  return (
    <Tooltip label={hint}>
      <Badge variant="dot" color={color} data-testid="live-status">
        {label}
      </Badge>
    </Tooltip>
  );
}
