import { Button, Group, Paper, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useNavigate } from "react-router";
import { api } from "../../api/client.ts";
import { paths, useApiMutation } from "../../api/queries.ts";
import { ErrorNotice } from "../../components/feedback.tsx";
import { queryKeys } from "../../realtime/query-keys.ts";
import type { App } from "../../../../shared/api/apps.ts";
import { CollaboratorsPanel } from "./publishing/collaborators-panel.tsx";

export function AppSettings({ app }: { app: App }) {
  const navigate = useNavigate();
  const form = useForm({ initialValues: { name: app.name, description: app.description } });
  const save = useApiMutation((values: typeof form.values) => api.patch(`${paths.ws(app.workspaceId)}/apps/${app.id}`, values), [queryKeys.apps(app.workspaceId)]);
  const remove = useApiMutation(() => api.delete(`${paths.ws(app.workspaceId)}/apps/${app.id}`), [queryKeys.apps(app.workspaceId)]);
  return (
    <Stack gap="md" maw={560}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack gap="sm">
          <TextInput label="Name" {...form.getInputProps("name")} disabled={!app.access.canEdit} />
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps("description")} disabled={!app.access.canEdit} />
          <ErrorNotice error={save.error} title="Not saved" />
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!app.access.canEdit}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
      {app.access.canEdit && <CollaboratorsPanel app={app} />}
      {app.access.canEdit && (
        <Paper withBorder p="md" radius="md" style={{ borderColor: "var(--mantine-color-red-4)" }}>
          <Text fw={600} size="sm">
            Delete this app
          </Text>
          <Text size="xs" c="dimmed" mb="sm">
            Removes the app for everyone. Its audit history stays.
          </Text>
          <ErrorNotice error={remove.error} title="Not deleted" />
          <Button color="red" variant="light" loading={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => navigate(`/w/${app.workspaceId}`) })}>
            Delete app
          </Button>
        </Paper>
      )}
    </Stack>
  );
}
