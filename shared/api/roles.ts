import { z } from "zod";

export const roleSchema = z.enum(["owner", "admin", "member"]);
export type Role = z.infer<typeof roleSchema>;

/** Named workspace permissions; routes ask for one of these, never for a role. */
export const permissionSchema = z.enum([
  "workspace:read",
  "workspace:update",
  "workspace:delete",
  "members:read",
  "members:manage",
  "members:invite",
  "teams:manage",
  "audit:read",
  "apps:create",
  "apps:publish",
  "agents:approve",
  "integrations:manage",
  "usage:read",
]);
export type Permission = z.infer<typeof permissionSchema>;

const everyone: Permission[] = ["workspace:read", "members:read", "apps:create"];
const admins: Permission[] = [
  ...everyone,
  "workspace:update",
  "members:manage",
  "members:invite",
  "teams:manage",
  "audit:read",
  "apps:publish",
  "agents:approve",
  "integrations:manage",
  "usage:read",
];

/** The one table of who may do what. */
export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set<Permission>([...admins, "workspace:delete"]),
  admin: new Set<Permission>(admins),
  member: new Set<Permission>(everyone),
};

export const can = (role: Role, permission: Permission) => rolePermissions[role].has(permission);
