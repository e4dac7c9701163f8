import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconFolderUp, IconSparkles } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, ok, once } from "../api/client.ts";
import { wsIds, useApps, useCreateMutation } from "../api/queries.ts";
import { charCount } from "../components/limits.ts";
import { DeletedApps } from "./deleted-apps.tsx";
import { ImportAppDialog } from "./import-app/import-app-dialog.tsx";
import { capture } from "../analytics/analytics.ts";
import { EmptyState, ErrorNotice, Loading } from "../components/feedback.tsx";
import { queryKeys } from "../realtime/query-keys.ts";
import { useCurrentWorkspace } from "../workspace/workspace-context.tsx";
import { APP_LIMITS, type App } from "../../../shared/api/apps.ts";

const statusColor = { draft: "gray", in_review: "yellow", published: "teal" } as const;
const statusLabel = { draft: "Draft", in_review: "In review", published: "Published" } as const;

/** An app name from the first words of a prompt ("A CRM for our sales team" -> "CRM for our sales team"). */
function nameFromPrompt(prompt: string): string {
  const words = prompt
    .trim()
    .replace(/^(please\s+)?(build|make|create)\s+(me\s+|us\s+)?/i, "")
    .replace(/^(an?|the)\s+/i, "")
    .split(/\s+/)
    .slice(0, 6)
    .join(" ")
    .slice(0, APP_LIMITS.name);
  const name = words.replace(/[.!?,;:]+$/, "");
  return name.charAt(0).toUpperCase() + name.slice(1) || "Untitled app";
}

function AppCard({ app }: { app: App }) {
  const ws = useCurrentWorkspace();
  return (
    <Card withBorder radius="lg" padding="lg" component={Link} to={`/w/${ws.id}/apps/${app.id}`} style={{ textDecoration: "none" }}>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Text fw={600} truncate>
          {app.name}
        </Text>
        <Badge color={statusColor[app.publishStatus]} variant="light">
          {statusLabel[app.publishStatus]}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" lineClamp={2} mih={40}>
        {app.description || "No description yet."}
      </Text>
      <Text size="xs" c="dimmed" mt="sm">
        Updated {new Date(app.updatedAt).toLocaleString()}
      </Text>
    </Card>
  );
}

export function HomePage() {
  const ws = useCurrentWorkspace();
  const navigate = useNavigate();
  const apps = useApps(ws.id);
  const [prompt, setPrompt] = useState("");
  const [importing, setImporting] = useState(false);
  const create = useCreateMutation(
    (description: string, key: string) => ok(api.workspaces[":wId"].apps.$post({ param: wsIds(ws.id), json: { name: nameFromPrompt(description), description } }, once(key))),
    [queryKeys.apps(ws.id)],
  );
  // The app page starts the build from the description at once (`build=1`), on the Preview.
  const start = () =>
    create.mutate(prompt.trim(), {
      onSuccess: ({ app }) => navigate(`/w/${ws.id}/apps/${app.id}?build=1`),
    });

  return (
    <Stack gap="xl" maw={1100} mx="auto">
      <Paper radius="lg" p={{ base: "md", sm: "xl" }} withBorder>
        <Stack gap="sm">
          <Title order={2}>What do you want to build?</Title>
          <Text c="dimmed" size="sm">
            Describe an internal tool in a sentence or two. It starts as a draft only you and your admins can see.
          </Text>
          <Textarea
            aria-label="What do you want to build?"
            placeholder="A lead tracker for the sales team with status, owner and next step"
            autosize
            minRows={3}
            maxRows={10}
            maxLength={APP_LIMITS.description}
            description={prompt.length > APP_LIMITS.description * 0.8 ? charCount(prompt, APP_LIMITS.description) : undefined}
            inputWrapperOrder={["label", "input", "description", "error"]}
            value={prompt}
            onChange={(e) => setPrompt(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey) && prompt.trim()) start();
            }}
          />
          <ErrorNotice error={create.error} title="Could not create the app" />
          <Group justify="space-between" wrap="nowrap">
            <Text size="xs" c="dimmed" visibleFrom="sm">
              Up to {APP_LIMITS.description.toLocaleString("en-US")} characters · Ctrl+Enter to create
            </Text>
            <Button
              ml="auto"
              variant="default"
              style={{ flexShrink: 0 }}
              leftSection={<IconFolderUp size={16} />}
              onClick={() => {
                capture("import existing app clicked");
                setImporting(true);
              }}
            >
              Import
            </Button>
            <Button style={{ flexShrink: 0 }} leftSection={<IconSparkles size={16} />} disabled={!prompt.trim()} loading={create.isPending} onClick={start}>
              Create app
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Stack gap="sm">
        <Title order={3} size="h4">
          Apps
        </Title>
        {apps.isLoading && <Loading label="Loading apps…" />}
        <ErrorNotice error={apps.error} />
        {apps.data && apps.data.length === 0 && <EmptyState title="No apps yet">Describe what you need above and your first app appears here.</EmptyState>}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {apps.data?.map((app) => (
            <AppCard key={app.id} app={app} />
          ))}
        </SimpleGrid>
      </Stack>
      <DeletedApps workspaceId={ws.id} />
      <ImportAppDialog workspaceId={ws.id} opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
