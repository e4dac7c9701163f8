import { Button, Group, Paper, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconCheck } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api, ok } from "../../api/client.ts";
import { appIds, useApiMutation } from "../../api/queries.ts";
import { ErrorNotice } from "../../components/feedback.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { charCount, fieldErrors } from "../../components/limits.ts";
import { queryKeys } from "../../realtime/query-keys.ts";
import { APP_LIMITS, type App } from "../../../../shared/api/apps.ts";
import { restoreDeletedApp } from "../deleted-apps.tsx";
import { CollaboratorsPanel } from "./publishing/collaborators-panel.tsx";
import { AppIntegrationsPanel } from "./app-integrations.tsx";

export function AppSettings({ app }: { app: App }) {
  const navigate = useNavigate();
  const form = useForm({ initialValues: { name: app.name, description: app.description } });
  const [confirming, setConfirming] = useState(false);
  const save = useApiMutation(
    (values: typeof form.values) => ok(api.workspaces[":wId"].apps[":aId"].$patch({ param: appIds(app.workspaceId, app.id), json: values })),
    [queryKeys.apps(app.workspaceId)],
  );
  const queryClient = useQueryClient();
  // Leave the page first, then refresh the lists: refetching this app now would only find a 404.
  const remove = useMutation({
    mutationFn: () => ok(api.workspaces[":wId"].apps[":aId"].$delete({ param: appIds(app.workspaceId, app.id) })),
    onSuccess: () => {
      navigate(`/w/${app.workspaceId}`);
      notifications.show({ id: `deleted-${app.id}`, title: `${app.name} was deleted`, message: restoreDeletedApp(app), autoClose: 15_000 });
      queryClient.removeQueries({ queryKey: queryKeys.app(app.workspaceId, app.id), exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.apps(app.workspaceId) });
    },
  });
  const apiErrors = fieldErrors(save.error);
  return (
    <Stack gap="xl" maw={560}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values, { onSuccess: () => form.resetDirty(values) }))}>
        <Stack gap="sm">
          <TextInput
            label="Name"
            maxLength={APP_LIMITS.name}
            description={charCount(form.values.name, APP_LIMITS.name)}
            {...form.getInputProps("name")}
            error={apiErrors.name}
            disabled={!app.access.canEdit}
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={8}
            maxLength={APP_LIMITS.description}
            description={charCount(form.values.description, APP_LIMITS.description)}
            {...form.getInputProps("description")}
            error={apiErrors.description}
            disabled={!app.access.canEdit}
          />
          {/* Feedback sits beside Save, never above it, so nothing moves under the pointer. */}
          <Group gap="sm" wrap="nowrap" mih={36}>
            <Button type="submit" loading={save.isPending} disabled={!app.access.canEdit || !form.isDirty()}>
              Save
            </Button>
            {save.isSuccess && !form.isDirty() && (
              <Group gap={4} c="teal">
                <IconCheck size={16} />
                <Text size="sm">Saved</Text>
              </Group>
            )}
          </Group>
          {save.error && !apiErrors.name && !apiErrors.description && <ErrorNotice error={save.error} title="Not saved" />}
        </Stack>
      </form>
      {app.access.canEdit && <CollaboratorsPanel app={app} />}
      {app.access.canEdit && <AppIntegrationsPanel app={app} />}
      {app.access.canEdit && (
        <Paper withBorder p="md" radius="md" mt="xl" style={{ borderColor: "var(--mantine-color-red-4)" }}>
          <Text fw={600} size="sm">
            Delete this app
          </Text>
          <Text size="xs" c="dimmed" mb="sm">
            The app disappears for everyone. You can restore it from the home page for 7 days; its audit history stays.
          </Text>
          <Button color="red" variant="light" onClick={() => setConfirming(true)}>
            Delete app…
          </Button>
        </Paper>
      )}
      <ConfirmDialog
        opened={confirming}
        title={`Delete ${app.name}?`}
        confirmLabel="Delete app"
        typeToConfirm={app.name}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => remove.mutate()}
      >
        Everyone loses access to the app and its preview. You can restore it for 7 days.
      </ConfirmDialog>
    </Stack>
  );
}
