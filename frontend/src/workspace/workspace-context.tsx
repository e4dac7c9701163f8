import { createContext, useContext } from "react";
import type { Me } from "../../../shared/api/identity.ts";
import { can, type Permission, type Role } from "../../../shared/api/roles.ts";

export interface CurrentWorkspace {
  id: string;
  name: string;
  slug: string;
  role: Role;
  me: Me;
}

export const WorkspaceContext = createContext<CurrentWorkspace | null>(null);

export function useCurrentWorkspace(): CurrentWorkspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useCurrentWorkspace outside a workspace route");
  return value;
}

/** UI hints only; the API decides. */
export const usePermission = (permission: Permission) => can(useCurrentWorkspace().role, permission);
