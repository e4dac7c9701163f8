import { Badge, Group, Paper, Text } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import type { AppAgents } from "../../../../shared/api/agents.ts";

type AppTool = NonNullable<AppAgents["draft"]>["appTools"][number];

/** The app tools agents.json declares: what the app may call, where, and through which integration. */
export function AppToolsList({ tools }: { tools: AppTool[] }) {
  return tools.map((tool) => (
    <Paper key={tool.name} withBorder radius="md" p="sm" data-testid="app-tool">
      <Group gap={6} wrap="wrap">
        <IconPlugConnected size={16} />
        <Text fw={600}>{tool.displayName ?? tool.name}</Text>
        <Badge size="xs" variant="light" color="gray">
          App tool
        </Badge>
        <Text size="xs" c="dimmed">
          {tool.name}
        </Text>
      </Group>
      {tool.description && <Text size="sm">{tool.description}</Text>}
      <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: "anywhere" }}>
        {tool.endpoint.method} {tool.endpoint.url} · integration {tool.integration.domain}
        {tool.integration.keySlug !== "default" ? ` (key ${tool.integration.keySlug})` : ""}
      </Text>
    </Paper>
  ));
}
