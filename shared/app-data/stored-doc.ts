import type { ClientDoc, DataChangeEvent } from "../api/app-data.ts";

/** An app_data document as stored, in both backends (docs/data-model.md). */
export interface StoredAppDoc {
  _id: string;
  workspaceId: string;
  /** The scoped app id: the app id (published) or its draft scope id. */
  appId: string;
  collection: string;
  data: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  /** The client mutation id of the last write, so its echo is recognisable. */
  mutationId?: string;
}

/** Draft data lives in a scope derived from the app id, never readable through the published one. */
export const draftScopeId = (appId: string) => `${appId}~draft`;
export const scopedAppId = (appId: string, version: "draft" | "published") => (version === "draft" ? draftScopeId(appId) : appId);

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

export function toClientDoc(doc: StoredAppDoc): ClientDoc {
  return { ...doc.data, _id: doc._id, _createdAt: iso(doc.createdAt), _updatedAt: iso(doc.updatedAt) };
}

/**
 * A stored change in MongoDB change-stream shape: what the relay reads from MongoDB and what the
 * embedded store emits itself. One mapper turns both into the live event of docs/wire-protocols.md#app-data-change-events.
 */
export interface StoredChange {
  operationType: "insert" | "update" | "replace" | "delete";
  documentKey: { _id: string };
  fullDocument?: StoredAppDoc | null;
  fullDocumentBeforeChange?: StoredAppDoc | null;
}

export interface ScopedChange {
  workspaceId: string;
  scopedAppId: string;
  event: Exclude<DataChangeEvent, { type: "reset" }>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks a document read from a store really is an app_data document before mapping it. */
export function asStoredAppDoc(doc: Record<string, unknown> | null | undefined): StoredAppDoc | null {
  if (!doc) return null;
  const { _id, workspaceId, appId, collection, data, createdAt, updatedAt, mutationId } = doc;
  if (typeof _id !== "string" || typeof workspaceId !== "string" || typeof appId !== "string" || typeof collection !== "string" || !isRecord(data)) return null;
  if (!(createdAt instanceof Date) || !(updatedAt instanceof Date)) return null;
  return { _id, workspaceId, appId, collection, data, createdAt, updatedAt, ...(typeof mutationId === "string" ? { mutationId } : {}) };
}

/** Null when the change cannot be placed in a scope (e.g. a delete without its pre-image). */
export function toScopedChange(change: StoredChange): ScopedChange | null {
  const doc = change.fullDocument ?? change.fullDocumentBeforeChange;
  if (!doc) return null;
  const base = { workspaceId: doc.workspaceId, scopedAppId: doc.appId };
  const mutationId = change.operationType === "delete" ? undefined : change.fullDocument?.mutationId;
  const withMutation = mutationId ? { mutationId } : {};
  switch (change.operationType) {
    case "insert":
      return change.fullDocument ? { ...base, event: { type: "insert", collection: doc.collection, doc: toClientDoc(change.fullDocument), ...withMutation } } : null;
    case "update":
    case "replace":
      return change.fullDocument
        ? { ...base, event: { type: "update", collection: doc.collection, docId: doc._id, doc: toClientDoc(change.fullDocument), ...withMutation } }
        : null;
    case "delete":
      return { ...base, event: { type: "delete", collection: doc.collection, docId: change.documentKey._id } };
  }
}
