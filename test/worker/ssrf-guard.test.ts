import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { guardedFetch, type GuardOptions } from "../../worker/integrations/guarded-fetch.ts";
import { checkHeaders } from "../../worker/integrations/header-rules.ts";
import { fillUrl } from "../../worker/integrations/template-fill.ts";
import { devToolOrigin } from "../../worker/integrations/dev-tool-origin.ts";
import { ToolFailure, ToolRefusal } from "../../worker/integrations/tool-refusal.ts";
import type { Resolver } from "../../worker/integrations/dns-resolver.ts";

/**
 * The SSRF corpus: every case is an attack on the tool executor's guard. The network is an
 * injected fetch that counts what would have left the platform; the DNS is a stub.
 */
const DOMAIN = "crm.example.com";
const HOST = `api.${DOMAIN}`;
const PUBLIC = "93.184.216.34";

type Script = (url: string, init: RequestInit) => Response | Promise<Response>;

function network(script: Script = () => Response.json({ ok: true })) {
  const calls: string[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push(url);
    return script(url, init ?? {});
  }) as typeof fetch;
  return { calls, fetcher };
}

const answering = (...answers: (string[] | Error)[]): Resolver => {
  let i = 0;
  return {
    async resolve() {
      const answer = answers[Math.min(i++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
};

function options(fetcher: typeof fetch, resolver: Resolver = answering([PUBLIC]), devOrigin: string | null = null): GuardOptions {
  return { policy: { domain: DOMAIN, devOrigin }, resolver, fetcher, timeoutMs: 2_000, maxBytes: 1024, maxRedirects: 3 };
}

const request = (url: string) => ({ method: "GET", url, headers: new Headers(), body: null });

async function refusal(promise: Promise<unknown>): Promise<ToolRefusal | ToolFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ToolRefusal) && !(error instanceof ToolFailure)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

const urlCases: [string, string, string][] = [
  ["plain http", `http://${HOST}/contacts`, "https-only"],
  ["ftp", `ftp://${HOST}/contacts`, "https-only"],
  ["file", "file:///etc/passwd", "https-only"],
  ["gopher", `gopher://${HOST}:70/_stats`, "https-only"],
  ["data URL", "data:text/plain,hello", "https-only"],
  ["user and password", `https://admin:secret@${HOST}/`, "userinfo"],
  ["granted host as a user name", `https://${HOST}@evil.example.net/`, "userinfo"],
  ["explicit non-default port", `https://${HOST}:8443/`, "port"],
  ["ssh port", `https://${HOST}:22/`, "port"],
  ["another domain", "https://evil.example.net/", "host-not-granted"],
  ["granted domain as a prefix of another", `https://${DOMAIN}.evil.example.net/`, "host-not-granted"],
  ["suffix without a dot boundary", `https://evil${DOMAIN}/`, "host-not-granted"],
  ["parent of the granted domain", "https://example.com/", "host-not-granted"],
  ["loopback literal", "https://127.0.0.1/", "ip-literal"],
  ["loopback as one decimal number", "https://2130706433/", "ip-literal"],
  ["loopback in hex", "https://0x7f000001/", "ip-literal"],
  ["loopback in octal", "https://0177.0.0.1/", "ip-literal"],
  ["loopback short form", "https://127.1/", "ip-literal"],
  ["loopback mixed hex and short", "https://0x7f.1/", "ip-literal"],
  ["metadata literal", "https://169.254.169.254/latest/meta-data/", "ip-literal"],
  ["metadata as decimal", "https://2852039166/", "ip-literal"],
  ["IPv6 loopback", "https://[::1]/", "ip-literal"],
  ["IPv4-mapped IPv6 loopback", "https://[::ffff:127.0.0.1]/", "ip-literal"],
  ["IPv4-mapped in hex groups", "https://[::ffff:7f00:1]/", "ip-literal"],
  ["IPv6 with a zone id", "https://[fe80::1%25eth0]/", "invalid-url"],
  ["not a URL at all", "not a url", "invalid-url"],
];

const dnsCases: [string, string[]][] = [
  ["loopback", ["127.0.0.1"]],
  ["RFC 1918 10/8", ["10.0.0.5"]],
  ["RFC 1918 172.16/12", ["172.31.255.1"]],
  ["RFC 1918 192.168/16", ["192.168.1.1"]],
  ["cloud metadata", ["169.254.169.254"]],
  ["carrier-grade NAT", ["100.64.0.1"]],
  ["unspecified", ["0.0.0.0"]],
  ["multicast", ["224.0.0.251"]],
  ["broadcast", ["255.255.255.255"]],
  ["benchmarking range", ["198.18.0.1"]],
  ["IPv6 loopback", ["::1"]],
  ["IPv6 unspecified", ["::"]],
  ["IPv6 unique-local (AWS metadata)", ["fd00:ec2::254"]],
  ["IPv6 link-local", ["fe80::1"]],
  ["IPv6 site-local", ["fec0::1"]],
  ["IPv4-mapped private", ["::ffff:10.0.0.1"]],
  ["IPv4-mapped metadata in hex", ["::ffff:a9fe:a9fe"]],
  ["IPv4-compatible loopback", ["::127.0.0.1"]],
  ["NAT64 of metadata", ["64:ff9b::a9fe:a9fe"]],
  ["6to4 of a private address", ["2002:c0a8:0101::1"]],
  ["Teredo", ["2001:0:4136:e378:8000:63bf:3fff:fdd2"]],
  ["IPv6 multicast", ["ff02::1"]],
  ["a public answer next to a private one", [PUBLIC, "10.1.2.3"]],
  ["a public IPv6 answer next to loopback", ["2606:2800:220:1:248:1893:25c8:1946", "::1"]],
  ["an answer spelled in octal", ["0177.0.0.1"]],
  ["an answer spelled as one number", ["2130706433"]],
  ["an answer with a zone id", ["fe80::1%eth0"]],
  ["an answer that is not an address", ["localhost"]],
];

describe("SSRF guard: URL rules (nothing is sent)", () => {
  it.each(urlCases)("%s: %s is refused by %s", async (_name, url, rule) => {
    const net = network();
    const error = await refusal(guardedFetch(request(url), options(net.fetcher)));
    expect(error).toBeInstanceOf(ToolRefusal);
    expect((error as ToolRefusal).rule).toBe(rule);
    expect(net.calls).toHaveLength(0);
  });
});

describe("SSRF guard: DNS answers that point inward (nothing is sent)", () => {
  it.each(dnsCases)("%s: %j", async (_name, answers) => {
    const net = network();
    const error = await refusal(guardedFetch(request(`https://${HOST}/contacts`), options(net.fetcher, answering(answers))));
    expect((error as ToolRefusal).rule).toBe("private-address");
    expect(net.calls).toHaveLength(0);
  });

  it("a name without addresses, and a failed lookup, are refused", async () => {
    for (const resolver of [answering([]), answering(new Error("SERVFAIL"))]) {
      const net = network();
      const error = await refusal(guardedFetch(request(`https://${HOST}/`), options(net.fetcher, resolver)));
      expect((error as ToolRefusal).rule).toBe("dns-failed");
      expect(net.calls).toHaveLength(0);
    }
  });
});

describe("SSRF guard: redirects are followed by hand with the same checks, never to another host", () => {
  const redirectTo = (location: string, status = 302) =>
    network((url) => (url.includes("/start") ? new Response(null, { status, headers: { location } }) : Response.json({ reached: url })));

  it.each([
    ["to a private literal", "https://10.0.0.1/admin", "ip-literal"],
    ["to the metadata address in decimal", "https://2852039166/latest", "ip-literal"],
    ["to another domain", "https://evil.example.net/", "host-not-granted"],
    ["to another subdomain of the grant", `https://other.${DOMAIN}/`, "redirect-cross-host"],
    ["down to http", `http://${HOST}/plain`, "https-only"],
    ["to another port", `https://${HOST}:8443/`, "port"],
    ["with credentials", `https://user@${HOST}/`, "userinfo"],
    ["to a loopback IPv6 literal", "https://[::1]/", "ip-literal"],
  ])("%s (%s) is refused by %s; only the first request left", async (_name, location, rule) => {
    const net = redirectTo(location);
    const error = await refusal(guardedFetch(request(`https://${HOST}/start`), options(net.fetcher)));
    expect((error as ToolRefusal).rule).toBe(rule);
    expect(net.calls).toEqual([`https://${HOST}/start`]);
  });

  it("a same-host redirect whose name now resolves inward (rebinding between hops) is refused", async () => {
    const net = redirectTo(`https://${HOST}/next`);
    const error = await refusal(guardedFetch(request(`https://${HOST}/start`), options(net.fetcher, answering([PUBLIC], ["127.0.0.1"]))));
    expect((error as ToolRefusal).rule).toBe("private-address");
    expect(net.calls).toEqual([`https://${HOST}/start`]);
  });

  it("an endless same-host redirect stops at the limit", async () => {
    const net = network(() => new Response(null, { status: 307, headers: { location: `https://${HOST}/start` } }));
    const error = await refusal(guardedFetch(request(`https://${HOST}/start`), options(net.fetcher)));
    expect((error as ToolRefusal).rule).toBe("redirect-limit");
    expect(net.calls.every((url) => new URL(url).host === HOST)).toBe(true);
    expect(net.calls).toHaveLength(4);
  });

  it("a same-host redirect is followed, and a 303 continues as a GET without the body", async () => {
    const methods: string[] = [];
    const net = network((url, init) => {
      methods.push(`${init.method} ${init.body ?? ""}`);
      return url.endsWith("/start") ? new Response(null, { status: 303, headers: { location: "/done" } }) : Response.json({ done: true });
    });
    const answer = await guardedFetch(
      { method: "POST", url: `https://${HOST}/start`, headers: new Headers({ "content-type": "application/json" }), body: "{}" },
      options(net.fetcher),
    );
    expect(answer.status).toBe(200);
    expect(net.calls).toEqual([`https://${HOST}/start`, `https://${HOST}/done`]);
    expect(methods).toEqual(["POST {}", "GET "]);
  });
});

describe("SSRF guard: answers that are too large or too slow", () => {
  it("refuses an answer whose declared length passes the cap, without reading it", async () => {
    const net = network(() => new Response("x".repeat(10), { headers: { "content-length": "999999" } }));
    const error = await refusal(guardedFetch(request(`https://${HOST}/`), options(net.fetcher)));
    expect(error).toBeInstanceOf(ToolFailure);
    expect((error as ToolFailure).reason).toBe("too-large");
  });

  it("stops reading a streamed answer once it passes the cap", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(512));
      },
    });
    const net = network(() => new Response(endless));
    const error = await refusal(guardedFetch(request(`https://${HOST}/`), options(net.fetcher)));
    expect((error as ToolFailure).reason).toBe("too-large");
    expect(pulled).toBeLessThan(10);
  });

  it("ends a call whose upstream never answers at the deadline", async () => {
    const net = network(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
    );
    const error = await refusal(guardedFetch(request(`https://${HOST}/`), { ...options(net.fetcher), timeoutMs: 50 }));
    expect((error as ToolFailure).reason).toBe("timeout");
  });

  it("ends a call whose answer stalls mid-body at the deadline", async () => {
    const net = network((_url, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("{"));
          init.signal?.addEventListener("abort", () => controller.error(init.signal?.reason));
        },
      });
      return new Response(body);
    });
    const error = await refusal(guardedFetch(request(`https://${HOST}/`), { ...options(net.fetcher), timeoutMs: 50 }));
    expect((error as ToolFailure).reason).toBe("timeout");
  });
});

describe("SSRF guard: headers and templates", () => {
  it.each(["host", "cookie", "x-forwarded-for", "x-real-ip", "proxy-authorization", "transfer-encoding", "connection", "cf-connecting-ip"])("refuses the %s header", (name) => {
    expect(() => checkHeaders({ [name]: "x" })).toThrow(ToolRefusal);
  });

  it("refuses a header value that would smuggle a second header", () => {
    const error = (() => {
      try {
        checkHeaders({ authorization: "Bearer a\r\nx-admin: 1" });
      } catch (e) {
        return e;
      }
    })();
    expect((error as ToolRefusal).rule).toBe("header-injection");
  });

  it("URL-encodes input, so it cannot change the host, the path or the query", async () => {
    const url = fillUrl(`https://${HOST}/contacts/{{input.id}}?q={{input.q}}`, { input: { id: "x@evil.example.net/../../admin#", q: "a&admin=1" }, secrets: {} });
    expect(new URL(url).host).toBe(HOST);
    expect(new URL(url).pathname).toBe("/contacts/x%40evil.example.net%2F..%2F..%2Fadmin%23");
    expect(new URL(url).searchParams.get("admin")).toBeNull();
  });
});

describe("the development tool origin", () => {
  const dev = "http://127.0.0.1:9999";

  it("opens exactly one origin in development, and nothing else on loopback", async () => {
    const net = network();
    const opts = options(net.fetcher, answering(["127.0.0.1"]), dev);
    expect((await guardedFetch(request(`${dev}/contacts`), opts)).status).toBe(200);
    for (const [url, rule] of [
      ["http://127.0.0.1:9998/contacts", "https-only"],
      ["http://localhost:9999/contacts", "https-only"],
      ["https://127.0.0.1:9999/contacts", "port"],
    ] as const) {
      expect(((await refusal(guardedFetch(request(url), opts))) as ToolRefusal).rule).toBe(rule);
    }
    expect(net.calls).toEqual([`${dev}/contacts`]);
  });

  it("is never used in production, nor when it names anything but 127.0.0.1:PORT", () => {
    expect(devToolOrigin({ ...env, SECOND_ENV: "development", SECOND_DEV_TOOL_ORIGIN: dev })).toBe(dev);
    expect(devToolOrigin({ ...env, SECOND_ENV: "production", SECOND_DEV_TOOL_ORIGIN: dev })).toBeNull();
    expect(devToolOrigin({ ...env, SECOND_ENV: undefined, SECOND_DEV_TOOL_ORIGIN: dev })).toBeNull();
    expect(devToolOrigin({ ...env, SECOND_ENV: "development", SECOND_DEV_TOOL_ORIGIN: "http://localhost:9999" })).toBeNull();
    expect(devToolOrigin({ ...env, SECOND_ENV: "development", SECOND_DEV_TOOL_ORIGIN: "http://127.0.0.1:9999/path" })).toBeNull();
  });
});
