#!/usr/bin/env node
// Seeds a local member into a workspace (and its General team) for multi-user testing in
// SECOND_AUTH_MODE=none, where invitations are not available. It signs in as the owner (none mode
// trusts name + email) and adds the member through the API, so the change is audited like any other.
//
//   node scripts/local-workspace-member.mjs --owner owner@example.com --workspace my-team \
//        --email alex@example.com --name "Alex" [--role member|admin|owner] [--url http://localhost:8787]
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.SECOND_URL ?? "http://localhost:8787" },
    owner: { type: "string" },
    workspace: { type: "string" },
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "member" },
  },
});
for (const required of ["owner", "workspace", "email", "name"]) {
  if (!values[required]) {
    console.error(
      `missing --${required}\nusage: node scripts/local-workspace-member.mjs --owner EMAIL --workspace SLUG|ID --email EMAIL --name NAME [--role member|admin|owner] [--url URL]`,
    );
    process.exit(2);
  }
}

const base = values.url.replace(/\/$/, "");
let cookie = "";
async function api(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { origin: base, ...(cookie ? { cookie } : {}), ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const setCookie = response.headers.get("set-cookie");
  if (setCookie) cookie = setCookie.split(";")[0];
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${json.error?.message ?? JSON.stringify(json)}`);
  return json;
}

try {
  const me = await api("POST", "/api/auth/identity", { displayName: values.owner.split("@")[0], email: values.owner });
  const { workspaces } = await api("GET", "/api/me");
  const workspace = workspaces.find((w) => w.slug === values.workspace || w.id === values.workspace);
  if (!workspace) throw new Error(`${me.user.email} is not a member of a workspace "${values.workspace}"`);
  const { member } = await api("POST", `/api/workspaces/${workspace.id}/members`, { email: values.email, displayName: values.name, role: values.role });
  console.log(`added ${member.displayName} <${member.email}> to ${workspace.name} as ${member.role}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
