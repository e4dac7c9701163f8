import { Alert, Button, Group, Modal, MultiSelect, Stack, Text, Textarea } from "@mantine/core";
import { IconInfoCircle, IconRocket } from "@tabler/icons-react";
import { useState } from "react";
import { api, ok } from "../../../api/client.ts";
import { appIds, useApiMutation, useTeams } from "../../../api/queries.ts";
import { ErrorNotice } from "../../../components/feedback.tsx";
import { queryKeys } from "../../../realtime/query-keys.ts";
import { useCurrentWorkspace, usePermission } from "../../../workspace/workspace-context.tsx";
import type { App } from "../../../../../shared/api/apps.ts";
import type { PublishResult } from "../../../../../shared/api/publishing.ts";

/** What pressing Publish does for this person in this auth mode, said before they press it. */
function whatHappens(canPublish: boolean, authMode: "none" | "external", republish: boolean): string {
  if (canPublish) {
    const record = authMode === "external" ? " An approved review is recorded for the audit log." : "";
    return `${republish ? "The current draft replaces the published version" : "The app is published"} right away for the teams you choose.${record} Team members open it from the sidebar or its link.`;
  }
  return "Your draft goes to the workspace owners and admins for review. They see what changed and approve or reject it; the teams get the app once it is approved. Sending another builder message before then withdraws the request.";
}

export function PublishDialog({ app, opened, onClose }: { app: App; opened: boolean; onClose: () => void }) {
  const ws = useCurrentWorkspace();
  const teams = useTeams(ws.id);
  const canPublish = usePermission("apps:publish");
  const [teamIds, setTeamIds] = useState<string[]>(app.teamIds);
  const [note, setNote] = useState("");
  const [done, setDone] = useState<PublishResult | null>(null);
  const publish = useApiMutation(
    (body: { teamIds: string[]; note: string }) => ok(api.workspaces[":wId"].apps[":aId"].publish.$post({ param: appIds(app.workspaceId, app.id), json: body })),
    [queryKeys.apps(app.workspaceId), ["ws", app.workspaceId, "reviews"]],
  );
  const close = () => {
    setDone(null);
    publish.reset();
    onClose();
  };
  const submit = () =>
    publish.mutate(
      { teamIds, note },
      {
        onSuccess: setDone,
      },
    );
  return (
    <Modal opened={opened} onClose={close} title={canPublish ? "Publish app" : "Request review"} size="lg" fullScreen={false}>
      {done ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" title={done.outcome === "published" ? "Published" : "Review requested"} role="status">
            {done.outcome === "published"
              ? "The teams you chose can use the app now."
              : "Owners and admins see your request in their review inbox. You can follow it there; the sidebar shows the app under In review."}
          </Alert>
          <Group justify="flex-end">
            {done.outcome === "published" && (
              <Button component="a" href={`/a/${app.id}/`} target="_blank" rel="noopener" variant="light">
                Open app
              </Button>
            )}
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Alert variant="light" icon={<IconInfoCircle size={18} />} title="What happens">
            {whatHappens(canPublish, ws.me.authMode, app.hasPublished)}
          </Alert>
          <MultiSelect
            label="Teams"
            description="Members of these teams can use the published app."
            placeholder={teamIds.length ? undefined : "Choose teams"}
            data={(teams.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (${t.memberCount})` }))}
            value={teamIds}
            onChange={setTeamIds}
            searchable
            required
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea
            label="Note"
            description={canPublish ? "Kept with the publication record." : "For the reviewer: what changed, what to check."}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <ErrorNotice error={publish.error} title={canPublish ? "Not published" : "Not sent"} />
          {!app.draftSnapshot && (
            <Text size="sm" c="dimmed">
              Nothing is built yet: ask the builder for the app first.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button leftSection={<IconRocket size={16} />} onClick={submit} loading={publish.isPending} disabled={teamIds.length === 0 || !app.draftSnapshot}>
              {canPublish ? "Publish" : "Request review"}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
