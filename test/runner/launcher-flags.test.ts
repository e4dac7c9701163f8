import { test } from "node:test";
import assert from "node:assert/strict";
import { routeShape } from "../../shared/api/route-shape.ts";
import { parseArgs } from "../../scripts/launch.mjs";
test("the sidebar's target is the link's route shape: no workspace or app id, no name", () => {
  assert.equal(routeShape("/w/ws_01m8n1zqrvm03c4p82he/apps/app_01m8n1zrfw7ctsf8z8nb"), "/w/:workspace/apps/:objectId");
  assert.equal(routeShape("/w/ws_01m8n1zqrvm03c4p82he/usage"), "/w/:workspace/usage");
});

test("launcher flags: port, data dir, telemetry, browser; a bad flag is an error", () => {
  const defaults = { port: 8787, dataDir: "/home/x/.second", open: true };
  assert.deepEqual(parseArgs(["--port", "9000", "--data-dir=/tmp/d", "--disable-telemetry", "--no-open"], defaults), {
    port: 9000,
    dataDir: "/tmp/d",
    telemetry: false,
    open: false,
    help: false,
  });
  assert.deepEqual(parseArgs([], defaults), { ...defaults, telemetry: true, help: false });
  assert.throws(() => parseArgs(["--port", "http"], defaults), /--port must be/);
  assert.throws(() => parseArgs(["--port"], defaults), /needs a value/);
  assert.throws(() => parseArgs(["--rm-rf"], defaults), /Unknown option/);
});
