import { z } from "zod";

const count = (n: number | bigint) => Number(n).toLocaleString("en-US");
const plural = (n: number | bigint, word: string) => `${count(n)} ${word}${Number(n) === 1 ? "" : "s"}`;

/**
 * Human sentences for zod's built-in checks (a schema's own message always wins). Both the API and
 * the browser install it, so people never see validator text such as "Too big: expected string…".
 */
export const humanError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "string") return `Use at most ${plural(issue.maximum, "character")}.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${plural(issue.maximum, "item")}.`;
      return `Must be at most ${count(issue.maximum as number)}.`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "This cannot be empty." : `Use at least ${plural(issue.minimum, "character")}.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at least ${plural(issue.minimum, "item")}.`;
      return `Must be at least ${count(issue.minimum as number)}.`;
    case "invalid_type":
      return issue.input === undefined ? "This is required." : `This should be a ${issue.expected}.`;
    case "invalid_format":
      return issue.format === "email" ? "Enter a valid email address." : `This is not a valid ${issue.format}.`;
    case "invalid_value":
      return `Choose one of: ${issue.values.map(String).join(", ")}.`;
    case "unrecognized_keys":
      return `Unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}.`;
    default:
      return undefined;
  }
};

/** "collaboratorUserIds.0" -> "Collaborator user ids"; what a field is called in a sentence. */
export function fieldLabel(path: string): string {
  const head = path.split(".")[0] ?? path;
  const words = head
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

let installed = false;
/** Installs the messages once per process or page. */
export function installHumanValidationMessages(): void {
  if (installed) return;
  z.config({ customError: humanError });
  installed = true;
}
