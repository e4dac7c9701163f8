// A small stand-in CRM for local integration demos and tests: contacts over a JSON API that wants
// an API key (Authorization: Bearer <key> or x-api-key). Run it with `node scripts/dev-crm.mjs`
// and point SECOND_DEV_TOOL_ORIGIN at the origin it prints (docs/integrations-local.md).
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";

const MAX_BODY = 64 * 1024;

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * @param {{ port?: number, apiKey?: string, inspect?: boolean }} [options] `inspect` (tests): GET /__inspect lists the requests received.
 * @returns {Promise<{ url: string, apiKey: string, requests: { method: string, path: string, headers: Record<string, string>, body: string }[], close(): Promise<void> }>}
 */
export async function startDevCrm(options = {}) {
  const apiKey = options.apiKey ?? `crm_${randomUUID().replaceAll("-", "")}`;
  const contacts = [
    { id: "c1", name: "Ada Lovelace", email: "ada@example.com", company: "Analytical Engines", stage: "customer" },
    { id: "c2", name: "Grace Hopper", email: "grace@example.com", company: "Cobol Inc", stage: "lead" },
  ];
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://crm");
    if (options.inspect && url.pathname === "/__inspect") return send(res, 200, { requests });
    const body = req.method === "GET" || req.method === "HEAD" ? {} : await readBody(req);
    requests.push({ method: req.method ?? "GET", path: `${url.pathname}${url.search}`, headers: { ...req.headers }, body: JSON.stringify(body) });
    const presented = (req.headers.authorization ?? "").replace(/^Bearer /i, "") || req.headers["x-api-key"];
    if (presented !== apiKey) return send(res, 401, { error: "A valid API key is required." });
    if (body === null) return send(res, 400, { error: "The body must be JSON of at most 64 KiB." });
    if (req.method === "GET" && url.pathname === "/contacts") {
      const email = url.searchParams.get("email");
      return send(res, 200, { contacts: email ? contacts.filter((c) => c.email === email) : contacts });
    }
    const one = /^\/contacts\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (req.method === "GET" && one) {
      const contact = contacts.find((c) => c.id === one[1]);
      return contact ? send(res, 200, { contact }) : send(res, 404, { error: "No such contact." });
    }
    if (req.method === "POST" && url.pathname === "/contacts") {
      if (typeof body.name !== "string" || typeof body.email !== "string") return send(res, 400, { error: "name and email are required." });
      const contact = { id: `c${contacts.length + 1}`, name: body.name, email: body.email, company: String(body.company ?? ""), stage: "lead" };
      contacts.push(contact);
      return send(res, 201, { contact });
    }
    return send(res, 404, { error: "Not found." });
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const portFlag = process.argv.indexOf("--port");
  const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : 8799;
  const crm = await startDevCrm({ port, apiKey: process.env.DEV_CRM_API_KEY });
  console.log(`Stand-in CRM on ${crm.url}
  API key: ${crm.apiKey}
  Start the platform with: SECOND_DEV_TOOL_ORIGIN=${crm.url} npm start
  Ctrl-C stops it.`);
}
