import { exports } from "cloudflare:workers";
import { hc } from "hono/client";
import type { AppType } from "../../../worker/app.ts";
import { ok } from "../../../shared/api/http-client.ts";

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

  /** Sends as this person: their origin and cookie on the way out, a new session cookie kept on the way back. */
  private async send(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    if (!headers.has("origin")) headers.set("origin", ORIGIN);
    if (this.cookie) headers.set("cookie", this.cookie);
    const response = await this.fetcher(new Request(request, { headers }));
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    return response;
  }

  /** The typed API client, as this person (the same `hc` client the frontend uses). */
  readonly api = hc<AppType>(ORIGIN, { fetch: (input: RequestInfo | URL, init?: RequestInit) => this.send(new Request(input, init)) }).api;

  /** Any request, also the malformed ones the typed client cannot send; the body is parsed when it is JSON. */
  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const init: RequestInit = { method, headers: { ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await this.send(new Request(`${ORIGIN}${path}`, init));
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>("GET", path);
  post = <T = any>(path: string, body: unknown = {}) => this.request<T>("POST", path, body);
  patch = <T = any>(path: string, body: unknown) => this.request<T>("PATCH", path, body);
  delete = <T = any>(path: string) => this.request<T>("DELETE", path);

  async signIn(): Promise<this> {
    this.user = (await ok(this.api.auth.identity.$post({ json: { displayName: this.displayName, email: this.email } }))).user;
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
  const workspaceId = (await ok(owner.api.workspaces.$post({ json: { name: `${label} Inc` } }))).workspace.id;
  const member = await signedIn(`${label}-member`);
  const admin = await signedIn(`${label}-admin`);
  for (const [person, role] of [
    [member, "member"],
    [admin, "admin"],
  ] as const) {
    await ok(owner.api.workspaces[":wId"].members.$post({ param: { wId: workspaceId }, json: { email: person.email, displayName: person.displayName, role } }));
  }
  return { owner, member, admin, workspaceId };
}
