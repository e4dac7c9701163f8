import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small OAuth 2.0 provider for tests and local demos: authorization code with PKCE S256 (the
 * verifier is checked), refresh tokens that rotate, and one API route that names the account a
 * bearer token belongs to. Clients are registered through `POST /__control/clients`.
 *
 * - GET  /oauth/authorize   approves at once as `login_hint` (default "user"); `deny=1` answers access_denied
 * - POST /oauth/token       authorization_code and refresh_token grants, client credentials in the body
 * - GET  /oauth/api/whoami  `{account}` for a live access token, else 401
 */
interface Client {
  clientSecret: string;
  expiresIn: number;
}
interface Grant {
  clientId: string;
  account: string;
  scope: string;
}

const token = (prefix: string) => `${prefix}_${randomBytes(18).toString("base64url")}`;
const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function oauthProviderHandler() {
  const clients = new Map<string, Client>();
  const codes = new Map<string, Grant & { redirectUri: string; challenge: string }>();
  const accessTokens = new Map<string, Grant & { expiresAt: number }>();
  const refreshTokens = new Map<string, Grant>();
  /** Every token request: which client asked for which grant, and whether it was given. */
  const tokenLog: { clientId: string; grantType: string; ok: boolean }[] = [];

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };

  function issue(res: ServerResponse, grant: Grant) {
    const client = clients.get(grant.clientId)!;
    const access = token("at");
    const refresh = token("rt");
    accessTokens.set(access, { ...grant, expiresAt: Date.now() + client.expiresIn * 1000 });
    refreshTokens.set(refresh, grant);
    json(res, 200, { access_token: access, token_type: "Bearer", expires_in: client.expiresIn, refresh_token: refresh, scope: grant.scope });
  }

  function tokenRequest(res: ServerResponse, form: URLSearchParams) {
    const clientId = form.get("client_id") ?? "";
    const grantType = form.get("grant_type") ?? "";
    const refuse = (error: string) => {
      tokenLog.push({ clientId, grantType, ok: false });
      json(res, error === "invalid_client" ? 401 : 400, { error });
    };
    const client = clients.get(clientId);
    if (!client || client.clientSecret !== form.get("client_secret")) return refuse("invalid_client");
    if (grantType === "authorization_code") {
      const code = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? ""); // single use, even when the rest is wrong
      if (!code || code.clientId !== clientId || code.redirectUri !== form.get("redirect_uri")) return refuse("invalid_grant");
      if (s256(form.get("code_verifier") ?? "") !== code.challenge) return refuse("invalid_grant");
      tokenLog.push({ clientId, grantType, ok: true });
      return issue(res, code);
    }
    if (grantType === "refresh_token") {
      const grant = refreshTokens.get(form.get("refresh_token") ?? "");
      refreshTokens.delete(form.get("refresh_token") ?? ""); // rotation: a refresh token works once
      if (!grant || grant.clientId !== clientId) return refuse("invalid_grant");
      tokenLog.push({ clientId, grantType, ok: true });
      return issue(res, grant);
    }
    return refuse("unsupported_grant_type");
  }

  function authorize(res: ServerResponse, q: URLSearchParams) {
    const clientId = q.get("client_id") ?? "";
    const redirectUri = q.get("redirect_uri") ?? "";
    if (!clients.has(clientId) || !redirectUri) return json(res, 400, { error: "invalid_request" });
    const back = new URL(redirectUri);
    back.searchParams.set("state", q.get("state") ?? "");
    if (q.get("deny") === "1") {
      back.searchParams.set("error", "access_denied");
    } else {
      if (q.get("response_type") !== "code" || q.get("code_challenge_method") !== "S256" || !q.get("code_challenge")) return json(res, 400, { error: "invalid_request" });
      const code = token("code");
      codes.set(code, { clientId, redirectUri, challenge: q.get("code_challenge")!, account: q.get("login_hint") ?? "user", scope: q.get("scope") ?? "" });
      back.searchParams.set("code", code);
    }
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (req.method === "GET" && url.pathname === "/oauth/authorize") return authorize(res, url.searchParams);
    if (req.method === "POST" && url.pathname === "/oauth/token") return tokenRequest(res, new URLSearchParams(await bodyOf(req)));
    if (req.method === "GET" && url.pathname === "/oauth/api/whoami") {
      const grant = accessTokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
      if (!grant || grant.expiresAt < Date.now()) return json(res, 401, { error: "invalid_token" });
      return json(res, 200, { account: grant.account, clientId: grant.clientId, scope: grant.scope });
    }
    if (req.method === "POST" && url.pathname === "/__control/clients") {
      const body = JSON.parse(await bodyOf(req)) as { clientId: string; clientSecret: string; expiresIn?: number };
      clients.set(body.clientId, { clientSecret: body.clientSecret, expiresIn: body.expiresIn ?? 3600 });
      return json(res, 200, { ok: true });
    }
    if (req.method === "POST" && url.pathname === "/__control/revoke") {
      const clientId = url.searchParams.get("client") ?? "";
      for (const [key, grant] of refreshTokens) if (grant.clientId === clientId) refreshTokens.delete(key);
      return json(res, 200, { ok: true });
    }
    if (req.method === "GET" && url.pathname === "/__control/token-log") {
      const clientId = url.searchParams.get("client");
      return json(
        res,
        200,
        tokenLog.filter((entry) => !clientId || entry.clientId === clientId),
      );
    }
    return json(res, 404, { error: "not_found" });
  }
  return (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => json(res, 500, { error: "server_error", message: String(error) }));
  };
}

/** Starts the stand-in on 127.0.0.1 (a free port unless given); `url` is its origin. */
export async function startOAuthProviderStandIn(port = 0): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(oauthProviderHandler());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
