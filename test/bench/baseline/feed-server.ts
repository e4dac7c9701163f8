// The design being replaced, reduced to its live-data path: a plain Node server whose insert
// writes the document to Redis and PUBLISHes the change, and whose SSE and WebSocket routes fan
// out one Redis subscription to every connected client. No auth, no sequence numbers, no resume:
// it is the floor the platform is compared with. Run as its own process by the bench:
//   REDIS_URL=redis://127.0.0.1:6379 PORT=0 node --import tsx test/bench/baseline/feed-server.ts
import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import { createClient } from "redis";
import { WebSocketServer, type WebSocket } from "ws";

const redis = createClient({ url: process.env.REDIS_URL });
const subscriber = redis.duplicate();
await Promise.all([redis.connect(), subscriber.connect()]);

const sse = new Map<string, Set<ServerResponse>>();
const sockets = new Map<string, Set<WebSocket>>();
const members = <T>(map: Map<string, Set<T>>, feed: string) => map.get(feed) ?? map.set(feed, new Set()).get(feed)!;

await subscriber.pSubscribe("feed:*", (message, channel) => {
  const feed = channel.slice("feed:".length);
  const frame = `data: ${message}\n\n`;
  for (const response of sse.get(feed) ?? []) response.write(frame);
  for (const socket of sockets.get(feed) ?? []) socket.send(message);
});

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  const [, feed, action] = url.pathname.split("/");
  if (!feed) return void response.writeHead(404).end();
  if (request.method === "POST" && action === "insert") {
    let body = "";
    for await (const chunk of request) body += chunk;
    const { collection, data } = JSON.parse(body) as { collection: string; data: Record<string, unknown> };
    const now = new Date().toISOString();
    const doc = { ...data, _id: randomUUID(), _createdAt: now, _updatedAt: now };
    await redis.hSet(`docs:${feed}:${collection}`, doc._id, JSON.stringify(doc));
    await redis.publish(`feed:${feed}`, JSON.stringify({ type: "insert", collection, doc }));
    response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ doc }));
    return;
  }
  if (request.method === "GET" && action === "stream") {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    response.write("retry: 2000\n\n");
    members(sse, feed).add(response);
    request.on("close", () => sse.get(feed)?.delete(response));
    return;
  }
  response.writeHead(404).end();
});

const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on("connection", (socket, request) => {
  const feed = new URL(request.url ?? "/", "http://localhost").pathname.split("/")[1] ?? "";
  members(sockets, feed).add(socket);
  socket.on("close", () => sockets.get(feed)?.delete(socket));
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`listening ${address.port}`);
});
