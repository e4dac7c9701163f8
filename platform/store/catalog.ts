/**
 * Every collection and index of the platform, declared once; docs/data-model.md describes each.
 * Both backends create exactly these at startup.
 */
export interface IndexSpec {
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** Only documents that have every key field are indexed (MongoDB `sparse`). */
  sparse?: boolean;
  /** A key field holds arrays: SQL equality cannot answer "contains", so the embedded planner skips it. */
  multikey?: boolean;
}

const idx = (keys: IndexSpec["keys"], extra: Omit<IndexSpec, "keys"> = {}): IndexSpec => ({ keys, ...extra });

export const catalog = {
  users: [
    idx({ emailNormalized: 1 }, { unique: true }),
    // A person is their identity provider's issuer + subject (worker/auth/external-account.ts).
    idx({ externalIssuer: 1, externalSubject: 1 }, { unique: true, sparse: true }),
    idx({ externalSubject: 1 }, { unique: true, sparse: true }),
  ],
  workspaces: [idx({ slug: 1 }, { unique: true }), idx({ externalOrganizationProvider: 1, externalOrganizationId: 1 }, { sparse: true })],
  workspace_memberships: [idx({ workspaceId: 1, userId: 1 }, { unique: true }), idx({ userId: 1, workspaceId: 1 }), idx({ workspaceId: 1, createdAt: 1 })],
  workspace_teams: [idx({ workspaceId: 1, slug: 1 }, { unique: true }), idx({ workspaceId: 1, isDefault: 1 }), idx({ workspaceId: 1, isDefault: -1, name: 1 })],
  workspace_team_memberships: [idx({ workspaceId: 1, teamId: 1, userId: 1 }, { unique: true }), idx({ workspaceId: 1, userId: 1 })],
  workspace_invitations: [
    idx({ workspaceId: 1, emailNormalized: 1, status: 1 }),
    idx({ externalInvitationId: 1 }, { sparse: true }),
    // Sign-in looks up an invitee's pending invitations across workspaces.
    idx({ emailNormalized: 1, status: 1 }),
  ],
  apps: [
    idx({ workspaceId: 1, createdAt: -1 }),
    idx({ workspaceId: 1, publishStatus: 1, createdAt: -1 }),
    idx({ workspaceId: 1, teamIds: 1, publishStatus: 1 }, { multikey: true }),
    idx({ workspaceId: 1, collaboratorUserIds: 1 }, { multikey: true }),
  ],
  app_source_snapshots: [idx({ workspaceId: 1, appId: 1, kind: 1 }, { unique: true }), idx({ workspaceId: 1, appId: 1, updatedAt: -1 })],
  /** Every published version of an app, files included, for history and rollback. */
  app_versions: [idx({ workspaceId: 1, appId: 1, publishedAt: -1 })],
  review_requests: [
    idx({ workspaceId: 1, status: 1, updatedAt: -1 }),
    idx({ workspaceId: 1, resourceType: 1, resourceId: 1, status: 1 }),
    idx({ workspaceId: 1, resourceType: 1, resourceId: 1, updatedAt: -1 }),
  ],
  agent_runs: [idx({ workspaceId: 1, appId: 1, createdAt: -1 })],
  integrations: [idx({ workspaceId: 1, appId: 1, domain: 1, keySlug: 1 }, { unique: true }), idx({ workspaceId: 1, appId: 1, updatedAt: -1 }), idx({ workspaceId: 1, domain: 1 })],
  integration_credentials: [idx({ workspaceId: 1, domain: 1, capabilityFingerprint: 1 })],
  oauth_provider_configs: [
    idx({ workspaceId: 1, providerKey: 1 }, { unique: true }),
    idx({ workspaceId: 1, updatedAt: -1 }),
    // A tool call finds the provider by the grant's domain (worker/oauth/token-source.ts).
    idx({ workspaceId: 1, domain: 1 }),
  ],
  connected_accounts: [
    idx({ workspaceId: 1, userId: 1, providerConfigId: 1 }, { unique: true }),
    idx({ workspaceId: 1, providerKey: 1, userId: 1 }),
    idx({ workspaceId: 1, userId: 1, updatedAt: -1 }),
  ],
  /** OAuth connections in progress (single use, 10 minutes); expired ones are purged as that person starts new ones. */
  oauth_authorization_states: [idx({ workspaceId: 1, userId: 1, createdAt: 1 })],
  app_agent_runs: [idx({ appId: 1, createdAt: -1 }), idx({ workspaceId: 1, status: 1 }), idx({ workspaceId: 1, appId: 1, createdAt: -1 })],
  /** One row per metered model call (worker/services/usage-ledger.ts). */
  model_usage: [idx({ workspaceId: 1, createdAt: -1 }), idx({ workspaceId: 1, appId: 1, runId: 1 })],
  /** The same calls summed per workspace, UTC day, app, person, model and run kind: what the Usage page reads. */
  model_usage_daily: [idx({ workspaceId: 1, day: 1, appId: 1, userId: 1, model: 1, runKind: 1 }, { unique: true })],
  app_data: [
    // Newest update first, with _id breaking ties, is the keyset order of the list route's pages.
    idx({ workspaceId: 1, appId: 1, collection: 1, updatedAt: -1, _id: -1 }),
    idx({ workspaceId: 1, appId: 1, collection: 1, _id: 1 }),
  ],
  audit_events: [
    idx({ workspaceId: 1, occurredAt: -1 }),
    idx({ workspaceId: 1, category: 1, occurredAt: -1 }),
    idx({ workspaceId: 1, eventName: 1, occurredAt: -1 }),
    idx({ workspaceId: 1, "actor.id": 1, occurredAt: -1 }),
  ],
  relay_state: [],
  /** The embedded store's data objects, one per shard key (docs/decisions/0029-sharded-embedded-store.md); held by the control object. */
  data_shards: [idx({ workspaceId: 1, collection: 1 })],
  /** Idempotency-Key replays, per person; expired ones are purged as that person makes new requests. */
  idempotency_keys: [idx({ userId: 1, createdAt: 1 })],
  /** Used only by the contract suite; kept in the catalog so tests exercise real declared indexes. */
  contract_probe: [idx({ tenant: 1, email: 1 }, { unique: true }), idx({ tenant: 1, status: 1, rank: -1 })],
} satisfies Record<string, IndexSpec[]>;

export type CollectionName = keyof typeof catalog;
export const collectionNames = Object.keys(catalog) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(catalog, name);
}

/** A stable index name derived from its keys, e.g. `workspaceId_1_createdAt_-1` (MongoDB's own convention). */
export function indexName(spec: IndexSpec): string {
  return Object.entries(spec.keys)
    .map(([field, dir]) => `${field}_${dir}`)
    .join("_");
}
