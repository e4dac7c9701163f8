/**
 * Limits every JSON value the platform accepts must keep, whatever its schema: deep nesting costs
 * stack in every layer that walks it (validation, stores, SQLite's JSON functions), and a
 * `__proto__` key is dropped or turned into a prototype by ordinary object code.
 */
export const MAX_JSON_DEPTH = 64;

export interface JsonShapeIssue {
  path: string;
  message: string;
}

const isContainer = (value: unknown): value is object => typeof value === "object" && value !== null;

/** The first structural problem in a parsed JSON value, walking iteratively (no recursion to exhaust). */
export function jsonShapeIssue(root: unknown): JsonShapeIssue | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: "" }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (!isContainer(value)) continue;
    if (depth >= MAX_JSON_DEPTH) return { path: path || "(body)", message: `Values may be nested at most ${MAX_JSON_DEPTH} levels deep.` };
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key === "__proto__") return { path: childPath, message: "The key __proto__ is not allowed." };
      stack.push({ value: child, depth: depth + 1, path: childPath });
    }
  }
  return null;
}
