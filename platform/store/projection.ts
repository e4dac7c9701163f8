import { Query } from "mingo";
import type { Doc, Projection } from "./document-store.ts";

/** A MongoDB projection applied to documents in memory (mingo): the embedded store and scatter reads share it. */
export function project(docs: Doc[], projection?: Projection): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return new Query({}, {}).find<Doc>(docs, projection).all();
}
