import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeApp } from "../../container-runner/src/demo-model/describe.ts";
import { applyChanges } from "../../container-runner/src/demo-model/changes.ts";
import type { AppSpec } from "../../container-runner/src/demo-model/spec.ts";

const fieldsOf = (spec: AppSpec | null) => spec?.fields.map((f) => `${f.label}:${f.kind}${f.options ? `(${f.options.join("|")})` : ""}`);

describe("the demo model reads descriptions and follow-ups", () => {
  it("derives entity, fields, kinds, workflow and layout from different phrasings", () => {
    const leads = describeApp("Build me a lead tracker for the sales team");
    assert.equal(leads?.title, "Lead tracker");
    assert.equal(leads?.collection, "leads");
    assert.deepEqual(fieldsOf(leads), ["Name:text", "Company:text", "Email:email", "Value:amount", "Status:choice(new|contacted|qualified|won|lost)"]);
    const loans = describeApp("an app to track equipment loans with borrower, item, loaned on, returned? and deposit amount");
    assert.deepEqual(fieldsOf(loans), ["Borrower:text", "Item:text", "Loaned on:date", "Returned?:boolean", "Deposit amount:amount"]);
    const hiring = describeApp("Make a hiring pipeline for candidates with name, email and a status workflow from applied to interview to hired");
    assert.equal(hiring?.layout, "board");
    assert.deepEqual(fieldsOf(hiring), ["Name:text", "Email:email", "Status:choice(applied|interview|hired)"]);
    assert.deepEqual(fieldsOf(describeApp("orders with customer type: new / returning and total")), ["Name:text", "Customer type:choice(new|returning)", "Total:amount"]);
    // Approvals imply a workflow even when none is named.
    assert.deepEqual(fieldsOf(describeApp("purchase requests with item and cost")), ["Item:text", "Cost:amount", "Status:choice(pending|approved|rejected)"]);
  });

  it("does not take remarks for app descriptions", () => {
    for (const remark of ["hello", "thanks, looks great", "Build it", "What can you do?"]) assert.equal(describeApp(remark), null, remark);
  });

  it("applies several changes in one message and reports what it could not do", () => {
    const spec = describeApp("expense approvals with amount, requester and status")!;
    const result = applyChanges(spec, "Add a due date and priority (low, high), rename requester to employee, make it a kanban board. Also connect it to Slack");
    assert.deepEqual(fieldsOf(result.spec), ["Amount:amount", "Employee:text", "Status:choice(pending|approved|rejected)", "Due date:date", "Priority:choice(low|high)"]);
    assert.equal(result.spec.layout, "board");
    assert.deepEqual(result.notUnderstood, ["connect it to Slack"]);
    assert.deepEqual(applyChanges(spec, "Add a filter").done, [], "features are not fields");
    const removed = applyChanges(result.spec, "remove the status field");
    assert.equal(removed.spec.statusKey, "priority", "a board keeps a workflow field to group by");
  });

  it("parses hostile input in bounded work and treats it as no app or no change", () => {
    const attacks = [
      `tracker with status ${"a / ".repeat(300)}!`,
      `tracker with status ${"a b ".repeat(500)}/ !`,
      `tracker with ${"(".repeat(900)}`,
      `tracker with status from ${"a to ".repeat(300)}!`,
      `a${" for the".repeat(250)}`,
      `make ${"the ".repeat(40)}${"a ".repeat(40)}x`,
    ];
    const spec = describeApp("expense approvals with amount")!;
    for (const attack of attacks) {
      const described = describeApp(attack);
      assert.ok(described === null || described.fields.every((f) => f.label.length <= 60), attack.slice(0, 40));
      const changed = applyChanges(spec, attack);
      assert.ok(changed.notUnderstood.every((c) => c.length <= 60));
    }
  });
});
