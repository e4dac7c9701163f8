import { Stack } from "@mantine/core";
import { api, ok } from "../../../api/client.ts";
import { appIds, useApiMutation } from "../../../api/queries.ts";
import { ConfirmButton } from "../../../components/confirm-button.tsx";
import { ErrorNotice } from "../../../components/feedback.tsx";
import { queryKeys } from "../../../realtime/query-keys.ts";
import type { App } from "../../../../../shared/api/apps.ts";

/** Owners and admins withdraw the published version; its data and history stay for the next publish. */
export function UnpublishButton({ app }: { app: App }) {
  const unpublish = useApiMutation(() => ok(api.workspaces[":wId"].apps[":aId"].unpublish.$post({ param: appIds(app.workspaceId, app.id) })), [queryKeys.apps(app.workspaceId)]);
  return (
    <Stack gap="xs" align="flex-start">
      <ConfirmButton
        size="xs"
        variant="light"
        color="red"
        question="Unpublish this app? Its teams lose access right away and its published agents and schedules stop. Its data and versions stay; publishing again brings it back."
        confirmLabel="Unpublish"
        onConfirm={() => unpublish.mutate(undefined)}
        loading={unpublish.isPending}
      >
        Unpublish…
      </ConfirmButton>
      <ErrorNotice error={unpublish.error} title="Not unpublished" />
    </Stack>
  );
}
