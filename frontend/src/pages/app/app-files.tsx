import { Code, Group, NavLink, Paper, ScrollArea, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, isApiError, ok } from "../../api/client.ts";
import { appIds } from "../../api/queries.ts";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback.tsx";
import type { App } from "../../../../shared/api/apps.ts";

/** The draft snapshot's files: sources the builder wrote (dist/ left out). */
export function AppFiles({ app }: { app: App }) {
  const files = useQuery({
    queryKey: ["files", app.workspaceId, app.id, app.draftSnapshot?.hash],
    enabled: app.draftSnapshot !== null && app.access.canEdit,
    queryFn: () => ok(api.workspaces[":wId"].apps[":aId"].files.$get({ param: appIds(app.workspaceId, app.id), query: { version: "draft" } })).then((r) => r.files),
  });
  const [selected, setSelected] = useState<string | null>(null);
  if (!app.draftSnapshot) return <EmptyState title="No files yet">The draft&apos;s source files appear here after the first build.</EmptyState>;
  if (files.isLoading) return <Loading label="Loading files…" />;
  if (files.error && !isApiError(files.error, "not_found")) return <ErrorNotice error={files.error} />;
  const list = Object.keys(files.data ?? {})
    .filter((p) => !p.startsWith("dist/"))
    .sort();
  const current = selected ?? list.find((p) => p.endsWith("App.tsx")) ?? list[0] ?? null;
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <Paper withBorder radius="md" p={4} w={220}>
        <ScrollArea h={520}>
          {list.map((path) => (
            <NavLink
              key={path}
              label={
                <Text size="xs" ff="monospace">
                  {path}
                </Text>
              }
              active={path === current}
              onClick={() => setSelected(path)}
            />
          ))}
        </ScrollArea>
      </Paper>
      <Paper withBorder radius="md" style={{ flex: 1, minWidth: 0 }}>
        <ScrollArea h={528}>
          {current && (
            <Code block fz="xs" style={{ background: "transparent" }}>
              {files.data?.[current]}
            </Code>
          )}
        </ScrollArea>
      </Paper>
    </Group>
  );
}
