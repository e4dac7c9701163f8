import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { nextCronTime, parseCron } from "../../shared/agents/cron.ts";

/** The next fire times of `expression` after `from`, as ISO strings (UTC). */
function fires(expression: string, from: string, count: number): string[] {
  const spec = parseCron(expression);
  assert.ok(spec, `${expression} parses`);
  const out: string[] = [];
  let at = Date.parse(from);
  for (let i = 0; i < count; i++) {
    const next = nextCronTime(spec, at);
    assert.ok(next !== null, `${expression} fires again after ${new Date(at).toISOString()}`);
    out.push(new Date(next).toISOString());
    at = next;
  }
  return out;
}

describe("cron expressions for agent schedules", () => {
  it("fires on a day that matches either day field when both are restricted (standard cron)", () => {
    // 2026-03: the 1st is a Sunday; Mondays are the 2nd, 9th, 16th, 23rd, 30th; 15th is a Sunday.
    assert.deepEqual(fires("0 9 1,15 * 1", "2026-03-01T00:00:00Z", 7), [
      "2026-03-01T09:00:00.000Z",
      "2026-03-02T09:00:00.000Z",
      "2026-03-09T09:00:00.000Z",
      "2026-03-15T09:00:00.000Z",
      "2026-03-16T09:00:00.000Z",
      "2026-03-23T09:00:00.000Z",
      "2026-03-30T09:00:00.000Z",
    ]);
  });

  it("needs both day fields when one starts with *", () => {
    assert.deepEqual(fires("30 6 * * 1-5", "2026-03-06T07:00:00Z", 3), ["2026-03-09T06:30:00.000Z", "2026-03-10T06:30:00.000Z", "2026-03-11T06:30:00.000Z"]);
    assert.deepEqual(fires("0 0 13 * *", "2026-03-01T00:00:00Z", 2), ["2026-03-13T00:00:00.000Z", "2026-04-13T00:00:00.000Z"]);
    // A field that starts with * (here `*/10`: the 1st, 11th, 21st, 31st) counts as unrestricted, as in
    // Vixie cron, so both must match: the Sundays among those days.
    assert.deepEqual(fires("0 12 */10 * 0", "2026-03-02T00:00:00Z", 2), ["2026-05-31T12:00:00.000Z", "2026-06-21T12:00:00.000Z"]);
  });

  it("steps, ranges and lists within a day, strictly after the given time", () => {
    assert.deepEqual(fires("*/20 8-9 * * *", "2026-03-01T08:20:00Z", 4), [
      "2026-03-01T08:40:00.000Z",
      "2026-03-01T09:00:00.000Z",
      "2026-03-01T09:20:00.000Z",
      "2026-03-01T09:40:00.000Z",
    ]);
  });

  it("refuses malformed fields and answers null for a date that never comes", () => {
    for (const bad of ["61 * * * *", "* * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7", "5-1 * * * *", "*/0 * * * *", "a * * * *", "1,,2 * * * *"])
      assert.equal(parseCron(bad), null, bad);
    const february30 = parseCron("0 0 30 2 *");
    assert.ok(february30);
    assert.equal(nextCronTime(february30, Date.parse("2026-01-01T00:00:00Z")), null);
  });
});
