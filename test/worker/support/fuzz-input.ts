import fc from "fast-check";

/** Strings that have broken parsers, lookups and encoders somewhere. */
const nasty = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "..",
  "../../etc/passwd",
  "..%2F..%2Fetc",
  "%2e%2e%2f",
  "%00",
  "\u0000",
  "\uE000date:2026-01-01T00:00:00.000Z",
  "$where",
  "$gt",
  "a.b",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "NaN",
  "-1",
  "0",
  "1e309",
  "9".repeat(40),
  "true",
  "null",
  "[]",
  "{}",
  "x".repeat(3000),
  "\ud800",
  "😀".repeat(20),
  " ",
  "",
];

export const hostileString = fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 30 }), fc.string({ unit: "binary", maxLength: 30 }));

/** A URL segment or query value, percent-encoded; lone surrogates cannot be encoded and go raw-escaped. */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

export const pathSegment = fc.oneof(
  hostileString.filter((s) => s.length > 0).map(encode),
  fc.constantFrom("..%2F..%2Fx", "%2F", "%", "%zz", "%E0%A4%A", "ws_00000000000000000000", "app_00000000000000000000", "usr_00000000000000000000"),
);

const fieldNames = [
  "name",
  "email",
  "displayName",
  "role",
  "data",
  "collection",
  "mutationId",
  "userId",
  "teamIds",
  "collaboratorUserIds",
  "description",
  "messages",
  "model",
  "hash",
  "anonymized",
  "event",
  "properties",
  "slug",
  "files",
  "workspaceId",
  "appId",
  "operation",
  "filter",
  "changes",
  "builderModel",
  "limit",
  "cursor",
];
const fieldName = fc.oneof(fc.constantFrom(...fieldNames, "__proto__", "_id", "$set", "a.b", ""), fc.string({ maxLength: 12 }));

const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fieldName, tie("value"), { maxKeys: 4 }),
  ),
})).value;

const nest = (depth: number, leaf: string) => `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`;

const deepValue = fc.oneof(fc.integer({ min: 60, max: 70 }), fc.integer({ min: 990, max: 1500 })).map((depth) => JSON.parse(nest(depth, "1")) as unknown);
const appData = fc.oneof(
  fc.dictionary(fieldName, hostileJson, { maxKeys: 4 }),
  deepValue,
  fc.constant({ when: "\uE000date:2026-01-01T00:00:00.000Z" }),
  fc.constant({ big: "x".repeat(300 * 1024) }),
);
const plausibleOr = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: hostileJson, weight: 1 });

/** Values for the fields the API's bodies use: mostly plausible, sometimes hostile. */
const fieldValues: Record<string, fc.Arbitrary<unknown>> = {
  collection: plausibleOr(fc.constant("leads")),
  data: appData,
  mutationId: plausibleOr(fc.constant("m-1")),
  name: plausibleOr(fc.constant("Plausible name")),
  description: plausibleOr(fc.constant("A description")),
  email: plausibleOr(fc.constant("someone@example.com")),
  displayName: plausibleOr(fc.constant("Some One")),
  role: plausibleOr(fc.constantFrom("member", "admin", "owner")),
  userId: hostileString,
  teamIds: fc.array(hostileString, { maxLength: 3 }),
  messages: fc.array(hostileJson, { maxLength: 2 }),
  hash: plausibleOr(fc.constant("0".repeat(64))),
  anonymized: plausibleOr(fc.boolean()),
  event: hostileString,
  properties: fc.dictionary(fieldName, hostileJson, { maxKeys: 3 }),
};

/**
 * The field sets request bodies of this API are made of, each with the path segment it belongs
 * under. A route whose path has none of these segments gets all of them.
 */
const shapes: { under: string; fields: string[] }[] = [
  { under: "data", fields: ["collection", "data"] },
  { under: "data", fields: ["collection", "data", "mutationId"] },
  { under: "apps", fields: ["name", "description"] },
  { under: "teams", fields: ["name"] },
  { under: "teams", fields: ["userId"] },
  { under: "members", fields: ["email", "displayName", "role"] },
  { under: "members", fields: ["role"] },
  { under: "invitations", fields: ["email", "role", "teamIds"] },
  { under: "runs", fields: ["messages"] },
  { under: "agents", fields: ["hash"] },
  { under: "usage-data", fields: ["anonymized"] },
  { under: "analytics", fields: ["event", "properties"] },
  { under: "auth", fields: ["displayName", "email"] },
  { under: "workspaces", fields: ["name"] },
];

function shapedBody(path: string): fc.Arbitrary<string> {
  const segments = new Set(path.split("/"));
  const matching = shapes.filter((shape) => segments.has(shape.under));
  return fc
    .constantFrom(...(matching.length > 0 ? matching : shapes))
    .chain((shape) => fc.tuple(...shape.fields.map((field) => fieldValues[field]!)).map((values) => Object.fromEntries(shape.fields.map((field, i) => [field, values[i]]))))
    .map((value) => JSON.stringify(value));
}

/** A request body as text: almost right, valid JSON of the wrong shape, broken JSON, or JSON no schema should see. */
export const bodyFor = (path: string) =>
  fc.oneof(
    { arbitrary: shapedBody(path), weight: 6 },
    fc.constant(undefined),
    hostileJson.map((value) => JSON.stringify(value) ?? "null"),
    fc.dictionary(fieldName, hostileJson, { maxKeys: 6 }).map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 40 }).map((text) => `{${text}`),
    fc.constantFrom("", "{", "[", "nul", '{"a":1,}', "\u0000", '"unterminated'),
    fc.integer({ min: 65, max: 5000 }).map((depth) => nest(depth, '"leaf"')),
    fc.integer({ min: 65, max: 5000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
    fc.tuple(fc.constantFrom(...fieldNames), hostileJson).map(([field, value]) => `{"${field}":{"__proto__":${JSON.stringify(value) ?? "null"}}}`),
    hostileJson.map((value) => `{"__proto__":${JSON.stringify(value) ?? "null"},"name":"x","collection":"leads","data":{}}`),
    fc.constant(`{"collection":"leads","data":{"__proto__":{"polluted":true}}}`),
  );

/** A query string (without `?`): hostile values for real and made-up parameters, and broken encodings. */
export const query = fc.oneof(
  fc
    .dictionary(
      fc.oneof(
        fc.constantFrom("collection", "version", "limit", "cursor", "path", "category", "eventName", "actorId", "from", "to", "since", "mutationId", "__proto__", "constructor"),
        fc.string({ maxLength: 8 }),
      ),
      hostileString,
      { maxKeys: 4 },
    )
    .map((params) =>
      Object.entries(params)
        .map(([key, value]) => `${encode(key)}=${encode(value)}`)
        .join("&"),
    ),
  fc.constantFrom("%", "%zz", "a=%E0%A4%A", "collection=leads&collection=other", "limit=1e3", "limit=-1", "cursor=%00", "version[]=draft", "=&=&", "&&&"),
);

/** Header values must be Latin-1 without control characters, or Request() itself throws. */
const headerValue = hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, "?").slice(0, 500));

export const headers = fc.record(
  {
    "content-type": fc.oneof(
      fc.constantFrom(
        "application/json",
        "text/plain",
        "application/json; charset=utf-16",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "application/evil+json",
      ),
      headerValue,
    ),
    origin: fc.oneof(fc.constantFrom("http://evil.example", "null", "http://example.com.evil.example"), headerValue),
    "last-event-id": headerValue,
    upgrade: fc.constant("websocket"),
    authorization: headerValue.map((v) => `Bearer ${v}`),
    cookie: headerValue.map((v) => `second_session=${v}`),
    accept: fc.constantFrom("text/event-stream", "application/json", "*/*", "text/html"),
    "x-request-id": headerValue,
  },
  { requiredKeys: [] },
);
