import { Stack, Tabs, Title } from "@mantine/core";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useCurrentWorkspace } from "../../workspace/workspace-context.tsx";

const tabs = [
  { value: "members", label: "Members" },
  { value: "teams", label: "Teams" },
  { value: "invitations", label: "Invitations" },
  { value: "integrations", label: "Integrations" },
];

export function SettingsLayout() {
  const ws = useCurrentWorkspace();
  const navigate = useNavigate();
  const current = useLocation().pathname.split("/").at(-1);
  return (
    <Stack maw={1000} mx="auto" gap="md">
      <Title order={2}>Settings</Title>
      <Tabs value={current ?? "members"} onChange={(value) => value && navigate(`/w/${ws.id}/settings/${value}`)}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
