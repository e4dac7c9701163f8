import { exports } from "cloudflare:workers";

export const ORIGIN = "http://example.com";

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the Worker as the browser would: same origin, JSON bodies, the session cookie kept. */
export class Person {
  cookie: string | null = null;
  user: { id: string; displayName: string; email: string } | null = null;
  /** How requests reach the Worker; tests that need other settings pass the app with their own env. */
  fetcher: (request: Request) => Promise<Response> = (request) => exports.default.fetch(request);

  constructor(
    readonly displayName: string,
    readonly email: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const init: RequestInit = { method, headers: { origin: ORIGIN, ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body !== undefined) {
      (init.headers as Record<string, string>)["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await this.fetcher(new Request(`${ORIGIN}${path}`, init));
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>("GET", path);
  post = <T = any>(path: string, body: unknown = {}) => this.request<T>("POST", path, body);
  patch = <T = any>(path: string, body: unknown) => this.request<T>("PATCH", path, body);
  delete = <T = any>(path: string) => this.request<T>("DELETE", path);

  async signIn(): Promise<this> {
    const reply = await this.post("/api/auth/identity", { displayName: this.displayName, email: this.email });
    if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    this.user = reply.body.user;
    return this;
  }

  get id(): string {
    if (!this.user) throw new Error(`${this.displayName} has not signed in`);
    return this.user.id;
  }
}

let counter = 0;
export const uniqueEmail = (name: string) => `${name}.${Date.now().toString(36)}${++counter}@example.com`;

export async function signedIn(name: string): Promise<Person> {
  return new Person(name[0]!.toUpperCase() + name.slice(1), uniqueEmail(name)).signIn();
}

/** An owner with a workspace, plus a member and an admin added to it (none-mode direct add). */
export async function workspaceWithPeople(label = "acme") {
  const owner = await signedIn(`${label}-owner`);
  const created = await owner.post("/api/workspaces", { name: `${label} Inc` });
  if (created.status !== 201) throw new Error(`workspace creation failed: ${JSON.stringify(created.body)}`);
  const workspaceId: string = created.body.workspace.id;
  const member = await signedIn(`${label}-member`);
  const admin = await signedIn(`${label}-admin`);
  for (const [person, role] of [
    [member, "member"],
    [admin, "admin"],
  ] as const) {
    const added = await owner.post(`/api/workspaces/${workspaceId}/members`, { email: person.email, displayName: person.displayName, role });
    if (added.status !== 201) throw new Error(`adding ${role} failed: ${JSON.stringify(added.body)}`);
  }
  return { owner, member, admin, workspaceId };
}
