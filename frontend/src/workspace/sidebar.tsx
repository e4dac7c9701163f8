import { Badge, Box, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconApps, IconChevronDown, IconClipboardList, IconHome, IconPlus, IconReportMoney, IconSettings, IconStethoscope, IconUsers } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useAccountActions } from "./account-actions.tsx";
import { useApps } from "../api/queries.ts";
import { Brand } from "../components/brand.tsx";
import { useCurrentWorkspace, usePermission } from "./workspace-context.tsx";
import type { App } from "../../../shared/api/apps.ts";
import { capture } from "../analytics/analytics.ts";
import { routeShape } from "../../../shared/api/route-shape.ts";
import { ReviewsNavLink } from "./reviews-nav-link.tsx";

/** People who only use an app see it under Published whatever its builders are doing with the draft. */
const groups: { label: string; match: (a: App) => boolean }[] = [
  { label: "Drafts", match: (a) => a.access.canEdit && a.publishStatus === "draft" },
  { label: "In review", match: (a) => a.access.canEdit && a.publishStatus === "in_review" },
  { label: "Published", match: (a) => (a.access.canEdit ? a.publishStatus === "published" : a.hasPublished) },
];

function WorkspaceSwitcher() {
  const current = useCurrentWorkspace();
  const account = useAccountActions();
  return (
    <>
      {account.dialog}
      <Menu position="bottom-start" width={260} withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label="Switch workspace" p={6} style={{ borderRadius: 8, width: "100%" }}>
            <Group justify="space-between" wrap="nowrap">
              <Box style={{ minWidth: 0 }}>
                <Text fw={600} size="sm" truncate>
                  {current.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {current.me.user.displayName} · {current.role}
                </Text>
              </Box>
              <IconChevronDown size={16} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Workspaces</Menu.Label>
          {current.me.workspaces.map((w) => (
            <Menu.Item key={w.id} component={Link} to={`/w/${w.id}`} rightSection={w.id === current.id ? <Badge size="xs">current</Badge> : null}>
              {w.name}
            </Menu.Item>
          ))}
          <Menu.Item leftSection={<IconPlus size={14} />} component={Link} to="/onboarding/workspace">
            New workspace
          </Menu.Item>
          <Menu.Divider />
          {account.items}
        </Menu.Dropdown>
      </Menu>
    </>
  );
}

export function Sidebar({ onNavigate }: { onNavigate?: () => void }) {
  const ws = useCurrentWorkspace();
  const apps = useApps(ws.id);
  const location = useLocation();
  const canReadAudit = usePermission("audit:read");
  const canReadUsage = usePermission("usage:read");
  const base = `/w/${ws.id}`;
  const active = (path: string) => location.pathname === path || location.pathname.startsWith(`${path}/`);
  return (
    <Stack
      h="100%"
      gap="xs"
      onClick={(e) => {
        const link = (e.target as HTMLElement).closest("a");
        // The link's route shape, never its text (app and workspace names are identifying).
        if (link) capture("sidebar clicked", { target: routeShape(link.getAttribute("href") ?? "") });
        onNavigate?.();
      }}
    >
      <Box px={6} pt={4} visibleFrom="sm">
        <Brand />
      </Box>
      <WorkspaceSwitcher />
      <NavLink component={Link} to={base} label="Home" leftSection={<IconHome size={18} />} active={location.pathname === base} />
      <ScrollArea style={{ flex: 1 }} type="auto">
        {groups.map((group) => {
          const list = (apps.data ?? []).filter(group.match);
          return (
            <Box key={group.label} mt="sm" data-testid={`sidebar-group-${group.label}`}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" px={10} mb={4}>
                {group.label}
              </Text>
              {list.length === 0 ? (
                <Text size="xs" c="dimmed" px={10}>
                  {apps.isLoading ? "Loading…" : "None yet"}
                </Text>
              ) : (
                list.map((app) => (
                  <NavLink
                    key={app.id}
                    component={Link}
                    to={`${base}/apps/${app.id}`}
                    label={app.name}
                    leftSection={<IconApps size={16} />}
                    active={active(`${base}/apps/${app.id}`)}
                  />
                ))
              )}
            </Box>
          );
        })}
      </ScrollArea>
      <Box>
        <NavLink component={Link} to={`${base}/settings/members`} label="Settings" leftSection={<IconSettings size={18} />} active={active(`${base}/settings`)} />
        <NavLink component={Link} to={`${base}/settings/teams`} label="Teams" leftSection={<IconUsers size={18} />} active={active(`${base}/settings/teams`)} hiddenFrom="xs" />
        <ReviewsNavLink to={`${base}/reviews`} active={active(`${base}/reviews`)} />
        {canReadUsage && <NavLink component={Link} to={`${base}/usage`} label="Usage and cost" leftSection={<IconReportMoney size={18} />} active={active(`${base}/usage`)} />}
        {canReadAudit && <NavLink component={Link} to={`${base}/audit`} label="Audit log" leftSection={<IconClipboardList size={18} />} active={active(`${base}/audit`)} />}
        <NavLink component={Link} to="/status" label="Status" leftSection={<IconStethoscope size={18} />} />
      </Box>
    </Stack>
  );
}
