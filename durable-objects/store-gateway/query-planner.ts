import { catalog, type CollectionName, type IndexSpec } from "../../platform/store/catalog.ts";
import { sqlValue as storedValue } from "./json-codec.ts";
import type { Filter, SortSpec } from "../../platform/store/document-store.ts";

/** SQL expression for a document field, exactly as the index DDL spells it so SQLite can match them. */
export function fieldExpr(field: string): string {
  if (field === "_id") return "id";
  const path = field
    .split(".")
    .map((segment) => `."${segment.replaceAll('"', '""')}"`)
    .join("");
  return `json_extract(doc, '$${path.replaceAll("'", "''")}')`;
}

export interface SqlPlan {
  /** WHERE clause (without the keyword), or "1" for a full scan. */
  where: string;
  params: (string | number | null)[];
  /** True when some condition must still be checked in memory by mingo. */
  residual: boolean;
  /** ORDER BY clause when the index order satisfies the requested sort and nothing is residual. */
  orderBy: string | null;
}

type Equality = { field: string; values: (string | number)[] };

const MAX_IN_LIST = 100;

/** The `_id` column holds the id as is; every other field is compared in its stored JSON encoding. */
const idValue = (value: unknown) => (typeof value === "string" ? value : null);

function equalityOf(field: string, value: unknown): Equality | null {
  if (field.startsWith("$")) return null;
  const sqlValue = field === "_id" ? idValue : storedValue;
  const scalar = sqlValue(value);
  if (scalar !== null && !Array.isArray(value)) return { field, values: [scalar] };
  if (value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
    const entries = Object.entries(value);
    if (entries.length !== 1) return null;
    const [op, operand] = entries[0]!;
    if (op === "$eq") {
      const eq = sqlValue(operand);
      return eq === null || Array.isArray(operand) ? null : { field, values: [eq] };
    }
    if (op === "$in" && Array.isArray(operand) && operand.length > 0 && operand.length <= MAX_IN_LIST) {
      const values = operand.map(sqlValue);
      return values.every((v): v is string | number => v !== null) ? { field, values } : null;
    }
  }
  return null;
}

function prefixLength(spec: IndexSpec, equalities: Map<string, Equality>): number {
  let length = 0;
  for (const field of Object.keys(spec.keys)) {
    if (!equalities.has(field)) break;
    length++;
  }
  return length;
}

function sortFollowsIndex(spec: IndexSpec, prefix: number, sort: SortSpec): boolean {
  const rest = Object.entries(spec.keys).slice(prefix);
  const wanted = Object.entries(sort);
  if (wanted.length === 0 || wanted.length > rest.length) return false;
  const flip = wanted[0]![1] !== rest[0]![1];
  return wanted.every(([field, dir], i) => rest[i]![0] === field && (flip ? -rest[i]![1] : rest[i]![1]) === dir);
}

/**
 * Picks the declared index whose leading fields the filter pins by equality, and pushes those
 * conditions (and, when nothing else remains, the sort) into SQL. mingo still evaluates the whole
 * filter on what SQL returns, so the plan only ever narrows the candidates.
 */
export function planQuery(collection: CollectionName, filter: Filter, sort?: SortSpec): SqlPlan {
  const equalities = new Map<string, Equality>();
  for (const [field, value] of Object.entries(filter)) {
    const eq = equalityOf(field, value);
    if (eq) equalities.set(field, eq);
  }

  let best: { spec: IndexSpec; prefix: number } | null = null;
  for (const spec of catalog[collection] as IndexSpec[]) {
    if (spec.multikey) continue;
    const prefix = prefixLength(spec, equalities);
    if (prefix > 0 && (!best || prefix > best.prefix)) best = { spec, prefix };
  }

  const pushed: Equality[] = [];
  if (equalities.has("_id")) pushed.push(equalities.get("_id")!);
  if (best) {
    for (const field of Object.keys(best.spec.keys).slice(0, best.prefix)) {
      if (field !== "_id") pushed.push(equalities.get(field)!);
    }
  }

  const params: (string | number | null)[] = [];
  const clauses = pushed.map(({ field, values }) => {
    params.push(...values);
    return values.length === 1 ? `${fieldExpr(field)} = ?` : `${fieldExpr(field)} IN (${values.map(() => "?").join(", ")})`;
  });

  const pushedFields = new Set(pushed.map((eq) => eq.field));
  const residual = Object.keys(filter).some((field) => !pushedFields.has(field));

  let orderBy: string | null = null;
  if (sort && Object.keys(sort).length > 0 && !residual) {
    const idOnly = Object.keys(sort).length === 1 && sort._id !== undefined;
    if (idOnly) orderBy = `id ${sort._id === -1 ? "DESC" : "ASC"}`;
    else if (best && sortFollowsIndex(best.spec, best.prefix, sort)) {
      orderBy = Object.entries(sort)
        .map(([field, dir]) => `${fieldExpr(field)} ${dir === -1 ? "DESC" : "ASC"}`)
        .join(", ");
    }
  }

  return { where: clauses.length ? clauses.join(" AND ") : "1", params, residual, orderBy };
}
