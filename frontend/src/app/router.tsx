import { createBrowserRouter, Navigate } from "react-router";
import { RootRedirect } from "./root-redirect.tsx";
import { IdentityPage } from "../pages/onboarding/identity-page.tsx";
import { WorkspacePage } from "../pages/onboarding/workspace-page.tsx";
import { StatusPage } from "../pages/status-page.tsx";
import { NotFoundPage } from "../pages/not-found-page.tsx";
import { WorkspaceShell } from "../workspace/workspace-shell.tsx";
import { HomePage } from "../pages/home-page.tsx";
import { AppPage } from "../pages/app/app-page.tsx";
import { SettingsLayout } from "../pages/settings/settings-layout.tsx";
import { MembersPage } from "../pages/settings/members-page.tsx";
import { TeamsPage } from "../pages/settings/teams-page.tsx";
import { InvitationsPage } from "../pages/settings/invitations-page.tsx";
import { IntegrationsPage } from "../pages/settings/integrations-page.tsx";
import { ConnectionsPage } from "../pages/connections-page.tsx";
import { AuditPage } from "../pages/audit-page.tsx";
import { UsagePage } from "../pages/usage-page.tsx";
import { ReviewsPage } from "../pages/reviews/reviews-page.tsx";

export const router = createBrowserRouter([
  { path: "/", element: <RootRedirect /> },
  { path: "/onboarding/identity", element: <IdentityPage /> },
  { path: "/onboarding/workspace", element: <WorkspacePage /> },
  { path: "/status", element: <StatusPage /> },
  {
    path: "/w/:wId",
    element: <WorkspaceShell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: "apps/:aId", element: <AppPage /> },
      {
        path: "settings",
        element: <SettingsLayout />,
        children: [
          { index: true, element: <Navigate to="members" replace /> },
          { path: "members", element: <MembersPage /> },
          { path: "teams", element: <TeamsPage /> },
          { path: "invitations", element: <InvitationsPage /> },
          { path: "integrations", element: <IntegrationsPage /> },
        ],
      },
      { path: "connections", element: <ConnectionsPage /> },
      { path: "audit", element: <AuditPage /> },
      { path: "usage", element: <UsagePage /> },
      { path: "reviews", element: <ReviewsPage /> },
    ],
  },
  { path: "*", element: <NotFoundPage /> },
]);
