import { Badge, Code, Drawer, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { agentRunEventSchema, type AgentRunEvent } from "../../../../shared/agents/agent-run.ts";
import { api, pathIds } from "../../api/client.ts";

/** One run's events, live while it runs and replayed from the start once it has ended. */
function useRunEvents(workspaceId: string, appId: string, runId: string | null) {
  const [events, setEvents] = useState<AgentRunEvent[]>([]);
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    setEvents([]);
    setEnded(false);
    if (!runId) return;
    // EventSource resumes with Last-Event-ID itself after a drop; [DONE] ends the stream.
    const source = new EventSource(
      api.workspaces[":wId"].apps[":aId"]["agent-runs"][":runId"].events.$path({ param: pathIds({ wId: workspaceId, aId: appId, runId }), query: { cursor: "0" } }),
    );
    source.onmessage = (message) => {
      if (message.data === "[DONE]") {
        setEnded(true);
        source.close();
        return;
      }
      const parsed = agentRunEventSchema.safeParse(JSON.parse(message.data));
      if (parsed.success) setEvents((list) => [...list, parsed.data]);
    };
    return () => source.close();
  }, [workspaceId, appId, runId]);
  return { events, ended };
}

const short = (value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

function EventLine({ event }: { event: AgentRunEvent }) {
  switch (event.type) {
    case "started":
      return (
        <Text size="sm" c="dimmed">
          Started {event.agentId} ({event.version})
        </Text>
      );
    case "text":
      return <Text size="sm">{event.text}</Text>;
    case "tool-call":
      return (
        <Text size="sm">
          <Badge size="xs" variant="light">
            {event.toolName}
          </Badge>{" "}
          <Code style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}>{short(event.input)}</Code>
        </Text>
      );
    case "tool-result":
      return (
        <Text size="xs" c={event.isError ? "red" : "dimmed"} style={{ wordBreak: "break-all" }}>
          ↳ {short(event.output)}
        </Text>
      );
    case "completed":
      return (
        <Badge color="teal" variant="light">
          Completed · {event.toolCalls} tool calls
        </Badge>
      );
    case "failed":
      return (
        <Text size="sm" c="red">
          Failed: {event.error}
        </Text>
      );
  }
}

/** The run drawer: tool calls, data written and output, as they happen or as they happened. */
export function AgentRunDrawer({ workspaceId, appId, runId, onClose }: { workspaceId: string; appId: string; runId: string | null; onClose: () => void }) {
  const { events, ended } = useRunEvents(workspaceId, appId, runId);
  return (
    <Drawer opened={runId !== null} onClose={onClose} position="right" title={`Agent run ${runId ?? ""}`} size="md">
      <Stack gap={6} data-testid="agent-run-events">
        {events.map((event, i) => (
          // Events are append-only and numbered by position.
          // biome-ignore lint/suspicious/noArrayIndexKey: the log never reorders
          <EventLine key={i} event={event} />
        ))}
        {!ended && (
          <Text size="xs" c="dimmed">
            Live…
          </Text>
        )}
      </Stack>
    </Drawer>
  );
}
