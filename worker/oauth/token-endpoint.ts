import type { Env } from "../../platform/env.ts";
import { tokenResponseSchema, type TokenResponse } from "../../shared/api/oauth.ts";
import { providerUrlProblem } from "./provider-url.ts";

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/** A token endpoint call that gave no tokens. `refused`: the provider said no (a bad code, a revoked refresh token). */
export class TokenEndpointError extends Error {
  constructor(
    readonly kind: "refused" | "failed",
    message: string,
  ) {
    super(message);
    this.name = "TokenEndpointError";
  }
}

async function boundedText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new TokenEndpointError("failed", "The token endpoint answered more than 64 KB.");
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/**
 * POSTs a grant to the provider's token endpoint (RFC 6749 §4.1.3 and §6) with the client's
 * credentials in the body, follows no redirect, waits at most 10 s and reads at most 64 KB.
 * The URL is checked again here: it was admin input, and the rules may have changed since.
 */
export async function requestTokens(env: Env, tokenUrl: string, client: { clientId: string; clientSecret: string }, grant: Record<string, string>): Promise<TokenResponse> {
  const problem = providerUrlProblem(env, tokenUrl);
  if (problem) throw new TokenEndpointError("failed", `The provider's token URL ${problem}.`);
  let response: Response;
  try {
    response = await fetch(tokenUrl, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ ...grant, client_id: client.clientId, client_secret: client.clientSecret }),
    });
  } catch (error) {
    throw new TokenEndpointError("failed", `The token endpoint could not be reached (${error instanceof Error ? error.name : "error"}).`);
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new TokenEndpointError("failed", "The token endpoint answered with a redirect, which is not followed.");
  }
  const text = await boundedText(response);
  if (response.status >= 400 && response.status < 500)
    throw new TokenEndpointError("refused", `The provider refused the token request (${response.status}${oauthErrorCode(text)}).`);
  if (!response.ok) throw new TokenEndpointError("failed", `The token endpoint answered ${response.status}.`);
  const parsed = tokenResponseSchema.safeParse(parseAnswer(text, response.headers.get("content-type")));
  if (!parsed.success) throw new TokenEndpointError("failed", "The token endpoint's answer has no usable access token.");
  return parsed.data;
}

/** JSON, or the form encoding some providers still answer with. */
function parseAnswer(text: string, contentType: string | null): unknown {
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return null; // not JSON: the schema check reports it as an unusable answer
  }
}

/** The OAuth `error` code of a refusal, when it is a plain word (never echo arbitrary provider text). */
function oauthErrorCode(text: string): string {
  const answer = parseAnswer(text, null);
  const code = answer && typeof answer === "object" && "error" in answer ? answer.error : null;
  return typeof code === "string" && /^[a-z_]{1,40}$/.test(code) ? `: ${code}` : "";
}
