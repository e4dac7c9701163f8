import { z } from "zod";
import { ToolRefusal } from "./tool-refusal.ts";

/** Looks up every A and AAAA address of a name. Tests hand in a stub; Workers use DNS over HTTPS. */
export interface Resolver {
  resolve(host: string): Promise<string[]>;
}

const dohAnswerSchema = z.object({
  Status: z.number(),
  Answer: z.array(z.object({ type: z.number(), data: z.string() })).optional(),
});

const A = 1;
const AAAA = 28;

/**
 * DNS over HTTPS (JSON API) at cloudflare-dns.com: fetch() on Workers cannot be pinned to an
 * address, so the addresses are looked up here and checked right before the call (the remaining
 * rebinding window is described in docs/security.md).
 */
export function dohResolver(fetcher: typeof fetch = fetch, endpoint = "https://cloudflare-dns.com/dns-query"): Resolver {
  const query = async (host: string, type: "A" | "AAAA") => {
    const response = await fetcher(`${endpoint}?name=${encodeURIComponent(host)}&type=${type}`, {
      headers: { accept: "application/dns-json" },
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new ToolRefusal("dns-failed", `the name ${host} could not be looked up (DNS answered ${response.status}).`);
    const parsed = dohAnswerSchema.safeParse(await response.json());
    if (!parsed.success) throw new ToolRefusal("dns-failed", `the DNS answer for ${host} was not understood.`);
    // CNAME chains are followed by the resolver; only the address records count here.
    return (parsed.data.Answer ?? []).filter((a) => a.type === (type === "A" ? A : AAAA)).map((a) => a.data);
  };
  return {
    async resolve(host) {
      const [v4, v6] = await Promise.all([query(host, "A"), query(host, "AAAA")]);
      return [...v4, ...v6];
    },
  };
}
