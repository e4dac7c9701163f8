import { Anchor, Avatar, Breadcrumbs, Group, Menu, Text, UnstyledButton, useMantineColorScheme } from "@mantine/core";
import { IconMoon, IconPlugConnected, IconSun } from "@tabler/icons-react";
import { useMediaQuery } from "@mantine/hooks";
import { Link, useMatch } from "react-router";
import { useApp } from "../api/queries.ts";
import { useCurrentWorkspace } from "./workspace-context.tsx";
import { useAccountActions } from "./account-actions.tsx";
import { ConnectionBadge } from "./connection-badge.tsx";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");

function AppCrumb({ workspaceId, appId }: { workspaceId: string; appId: string }) {
  const app = useApp(workspaceId, appId);
  return (
    <Text size="sm" fw={500} truncate maw={280}>
      {app.data?.name ?? "App"}
    </Text>
  );
}

/** Where you are (workspace › page), the live connection, and your account. */
export function TopBar() {
  const ws = useCurrentWorkspace();
  const appMatch = useMatch("/w/:wId/apps/:aId");
  const settings = useMatch("/w/:wId/settings/*");
  const audit = useMatch("/w/:wId/audit");
  const connections = useMatch("/w/:wId/connections");
  const account = useAccountActions();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const dark = colorScheme === "dark";
  const narrow = useMediaQuery("(max-width: 36em)") ?? false;
  const page = appMatch ? (
    <AppCrumb workspaceId={ws.id} appId={appMatch.params.aId ?? ""} />
  ) : settings ? (
    "Settings"
  ) : audit ? (
    "Audit log"
  ) : connections ? (
    "Connected accounts"
  ) : null;
  return (
    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1 }} justify="space-between">
      {/* On a phone only the innermost crumb fits; the burger menu leads back. */}
      <Breadcrumbs separator="/" style={{ minWidth: 0, flexWrap: "nowrap", overflow: "hidden" }} aria-label="Breadcrumb">
        {!(narrow && page) && (
          <Anchor component={Link} to={`/w/${ws.id}`} size="sm" c="dimmed" truncate maw={200}>
            {ws.name}
          </Anchor>
        )}
        {page &&
          (typeof page === "string" ? (
            <Text size="sm" fw={500}>
              {page}
            </Text>
          ) : (
            page
          ))}
      </Breadcrumbs>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        <ConnectionBadge />
        {account.dialog}
        <Menu position="bottom-end" width={240} withinPortal>
          <Menu.Target>
            <UnstyledButton aria-label="Your account" style={{ borderRadius: 999 }}>
              <Avatar size={30} radius="xl" color="indigo">
                {initials(ws.me.user.displayName)}
              </Avatar>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>
              <Text size="sm" fw={600} c="var(--mantine-color-text)">
                {ws.me.user.displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {ws.me.user.email}
              </Text>
            </Menu.Label>
            <Menu.Divider />
            <Menu.Item leftSection={dark ? <IconSun size={14} /> : <IconMoon size={14} />} onClick={() => setColorScheme(dark ? "light" : "dark")}>
              {dark ? "Light theme" : "Dark theme"}
            </Menu.Item>
            <Menu.Item leftSection={<IconPlugConnected size={14} />} component={Link} to={`/w/${ws.id}/connections`}>
              Connected accounts
            </Menu.Item>
            {account.items}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
}
