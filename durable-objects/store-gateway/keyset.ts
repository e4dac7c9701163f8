import { StoreUsageError, type Doc, type Filter, type Page, type PageOptions } from "../../platform/store/document-store.ts";

/** Checks a page request and returns the sort fields and their shared direction. */
export function keysetOf(options: PageOptions): { fields: string[]; direction: 1 | -1 } {
  const entries = Object.entries(options.sort);
  if (entries.length === 0) throw new StoreUsageError("A page needs a sort.");
  const direction = entries[0]![1];
  if (entries.some(([, dir]) => dir !== direction)) throw new StoreUsageError("A page's sort fields must all run in the same direction.");
  if (options.after && options.after.length !== entries.length) throw new StoreUsageError("A page cursor must give one value per sort field.");
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new StoreUsageError("A page limit is a positive integer.");
  return { fields: entries.map(([field]) => field), direction };
}

/**
 * "Strictly after `after` in sort order" as a MongoDB filter:
 * (a < a0) or (a = a0 and b < b0) or ... (with > for ascending order).
 */
export function afterFilter(fields: string[], direction: 1 | -1, after: unknown[]): Filter {
  const op = direction === -1 ? "$lt" : "$gt";
  return {
    $or: fields.map((field, i) => {
      const clause: Filter = {};
      for (let j = 0; j < i; j++) clause[fields[j]!] = after[j];
      clause[field] = { [op]: after[i] };
      return clause;
    }),
  };
}

/** Fills a page by count and by bytes; `add` says false once the page is full. */
export class PageBuilder {
  private readonly docs: Doc[] = [];
  private bytes = 0;
  private full = false;
  constructor(
    private readonly limit: number,
    private readonly maxBytes: number,
  ) {}

  add(doc: Doc, size: number): boolean {
    if (this.docs.length >= this.limit || (this.docs.length > 0 && this.bytes + size > this.maxBytes)) {
      this.full = true;
      return false;
    }
    this.docs.push(doc);
    this.bytes += size;
    return true;
  }

  page(): Page {
    return { docs: this.docs, more: this.full };
  }
}
