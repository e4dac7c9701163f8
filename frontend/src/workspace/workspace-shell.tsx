import { AppShell, Burger, Group } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Navigate, Outlet, useLocation, useParams } from "react-router";
import { signInPath } from "../app/return-to.ts";
import { TopBar } from "./top-bar.tsx";
import { useMe } from "../api/queries.ts";
import { isApiError } from "../api/client.ts";
import { ErrorNotice, Loading } from "../components/feedback.tsx";
import { WorkspaceEventsProvider } from "../realtime/workspace-events-provider.tsx";
import { Sidebar } from "./sidebar.tsx";
import { WorkspaceContext } from "./workspace-context.tsx";
import { PageViewTracker } from "../analytics/page-view-tracker.tsx";

/** The signed-in frame: sidebar, header, and the workspace's one live event subscription. */
export function WorkspaceShell() {
  const { wId = "" } = useParams();
  const me = useMe();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  if (me.isLoading) return <Loading label="Loading your workspace…" />;
  if (isApiError(me.error, "identity_required") || isApiError(me.error, "profile_required")) return <Navigate to={signInPath(location)} replace />;
  if (me.error || !me.data) return <ErrorNotice error={me.error} />;
  const workspace = me.data.workspaces.find((w) => w.id === wId || w.slug === wId);
  if (!workspace) return me.data.workspaces.length ? <Navigate to={`/w/${me.data.workspaces[0]!.id}`} replace /> : <Navigate to="/onboarding/workspace" replace />;

  return (
    <WorkspaceContext.Provider value={{ ...workspace, me: me.data }}>
      <WorkspaceEventsProvider workspaceId={workspace.id} myUserId={me.data.user.id}>
        <AppShell header={{ height: 52 }} navbar={{ width: 264, breakpoint: "sm", collapsed: { mobile: !opened } }} padding={{ base: "sm", sm: "lg" }}>
          <AppShell.Header>
            <Group h="100%" px="md" gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
              <TopBar />
            </Group>
          </AppShell.Header>
          <AppShell.Navbar p="sm">
            <Sidebar onNavigate={close} />
          </AppShell.Navbar>
          <AppShell.Main>
            <PageViewTracker />
            <Outlet />
          </AppShell.Main>
        </AppShell>
      </WorkspaceEventsProvider>
    </WorkspaceContext.Provider>
  );
}
