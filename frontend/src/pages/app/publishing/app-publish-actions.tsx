import { Button, Group } from "@mantine/core";
import { IconExternalLink, IconRocket } from "@tabler/icons-react";
import { useState } from "react";
import { usePermission } from "../../../workspace/workspace-context.tsx";
import type { App } from "../../../../../shared/api/apps.ts";
import { PublishDialog } from "./publish-dialog.tsx";

/** The app header's publishing actions: Open app (the published version, new tab) and Publish / Request review. */
export function AppPublishActions({ app }: { app: App }) {
  const canPublish = usePermission("apps:publish");
  const [open, setOpen] = useState(false);
  return (
    <Group gap="xs">
      {app.hasPublished && app.access.canViewPublished && (
        <Button component="a" href={`/a/${app.id}/`} target="_blank" rel="noopener" size="xs" variant="default" leftSection={<IconExternalLink size={14} />}>
          Open app
        </Button>
      )}
      {app.access.canEdit && (
        <>
          <Button size="xs" leftSection={<IconRocket size={14} />} onClick={() => setOpen(true)} disabled={!app.draftSnapshot}>
            {canPublish ? "Publish" : app.publishStatus === "in_review" ? "Update request" : "Request review"}
          </Button>
          {open && <PublishDialog app={app} opened={open} onClose={() => setOpen(false)} />}
        </>
      )}
    </Group>
  );
}
