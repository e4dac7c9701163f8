/**
 * Second's in-app SDK: live app data through the platform, like Firestore's onSnapshot.
 * Apps read and write data only through these hooks; the iframe has no network of its own.
 *
 *   const { data, loading, error, insert, update, remove } = useCollection("leads");
 *   const { data, loading, error, update, remove } = useDoc("leads", id);
 *   const { trigger, status, runId, output, error } = useAgent("lead-scorer");
 *   const { status, body } = await callIntegrationTool("crm_lookup", { email });
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { Transport } from "./second/transport.ts";
import { CollectionStore, type Doc } from "./second/collection-store.ts";
import { DocStore, type DocSnapshot } from "./second/doc-store.ts";
import { AgentStore } from "./second/agent-store.ts";

export type { Doc } from "./second/collection-store.ts";
export { SecondDataError } from "./second/transport.ts";

let transport: Transport | null = null;
const stores = new Map<string, CollectionStore>();
const agents = new Map<string, AgentStore>();
const docStores = new Map<string, DocStore>();
const docKey = (collection: string, docId: string) => `${collection}\u0000${docId}`;

function sharedTransport(): Transport {
  if (!transport) {
    const t = new Transport();
    t.onMessage((message) => {
      if (message.type === "second:data:change") {
        stores.get(message.collection)?.applyChange(message);
        for (const store of docStores.values()) if (store.collection === message.collection) store.applyChange(message);
      }
      if (message.type === "second:data:reset") {
        for (const store of stores.values()) void store.load();
        for (const store of docStores.values()) void store.load();
      }
      if (message.type === "second:agent:update") agents.get(message.agentId)?.apply(message);
    });
    transport = t;
  }
  return transport;
}

function storeFor(collection: string): CollectionStore {
  let store = stores.get(collection);
  if (!store) {
    store = new CollectionStore(collection, sharedTransport());
    stores.set(collection, store);
  }
  return store;
}

function docStoreFor(collection: string, docId: string): DocStore {
  const key = docKey(collection, docId);
  let store = docStores.get(key);
  if (!store) {
    store = new DocStore(collection, docId, sharedTransport());
    docStores.set(key, store);
  }
  return store;
}

const noDoc: DocSnapshot = { data: null, loading: false, error: null };
const subscribeToNothing = () => () => undefined;

export function useCollection<T extends Record<string, unknown> = Record<string, unknown>>(collection: string) {
  const store = storeFor(collection);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const insert = useCallback((data: Partial<T>) => store.insert(data), [store]);
  const update = useCallback((docId: string, data: Partial<T>) => store.update(docId, data), [store]);
  const remove = useCallback((docId: string) => store.remove(docId), [store]);
  return {
    data: snapshot.docs as (Doc & T)[],
    loading: snapshot.loading,
    error: snapshot.error,
    insert,
    update,
    remove,
  };
}

/** One document by id, fetched on its own (not picked out of a collection list) and kept live. */
export function useDoc<T extends Record<string, unknown> = Record<string, unknown>>(collection: string, docId: string | null | undefined) {
  const store = docId ? docStoreFor(collection, docId) : null;
  const snapshot = useSyncExternalStore(store ? store.subscribe : subscribeToNothing, store ? store.getSnapshot : () => noDoc);
  return {
    data: snapshot.data as (Doc & T) | null,
    loading: snapshot.loading,
    error: snapshot.error,
    update: useCallback((patch: Partial<T>) => (store ? store.update(patch) : Promise.reject(new Error("useDoc has no document id"))), [store]),
    remove: useCallback(() => (store ? store.remove() : Promise.reject(new Error("useDoc has no document id"))), [store]),
  };
}

/**
 * Starts an app agent and follows its latest run. The run belongs to the platform: it goes on when
 * the app is closed. status is idle | running | completed | failed.
 */
export function useAgent(agentId: string) {
  let store = agents.get(agentId);
  if (!store) {
    store = new AgentStore(agentId, sharedTransport());
    agents.set(agentId, store);
  }
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const trigger = useCallback((input?: string | Record<string, unknown>) => store.trigger(input), [store]);
  return { trigger, ...snapshot };
}

export interface AgentInfo {
  id: string;
  name: string;
  description: string;
}

/** The app's agents (from its agents.json). */
export function useAgentList() {
  const [state, setState] = useState<{ agents: AgentInfo[]; loading: boolean; error: Error | null }>({ agents: [], loading: true, error: null });
  useEffect(() => {
    sharedTransport()
      .request<"second:agent:list">({ type: "second:agent:list" })
      .then(
        (reply) => setState({ agents: reply.agents ?? [], loading: false, error: null }),
        (error: Error) => setState({ agents: [], loading: false, error }),
      );
  }, []);
  return state;
}

/** What an app tool answered: the outside system's HTTP status and body (JSON when it sent JSON). */
export interface IntegrationToolOutput {
  status: number;
  body: unknown;
}

/**
 * Calls an app tool (appTools in agents.json, approved by an admin) with `input`. Only the tool's
 * name and input leave the app; the platform fills in the URL and the credential. Rejects with a
 * SecondDataError (code `tool_refused` names the rule that refused the call).
 */
export async function callIntegrationTool(name: string, input: Record<string, unknown> = {}): Promise<IntegrationToolOutput> {
  const reply = await sharedTransport().request<"second:integration:execute">({ type: "second:integration:execute", toolName: name, input });
  if (!reply.output) throw new Error(`The platform gave no answer for ${name}.`);
  return { status: reply.output.status, body: reply.output.body };
}
