import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import type { Role } from "../../shared/api/roles.ts";
import { normalizeEmail } from "./users.ts";

export interface InvitationDoc {
  _id: string;
  workspaceId: string;
  email: string;
  emailNormalized: string;
  role: Role;
  teamIds: string[];
  status: "pending" | "accepted" | "revoked";
  invitedByUserId: string;
  createdAt: Date;
  updatedAt: Date;
  acceptedAt: Date | null;
  acceptedByUserId: string | null;
}

export class InvitationsRepository {
  private readonly invitations: CollectionClient<InvitationDoc>;
  constructor(env: Env) {
    this.invitations = new CollectionClient<InvitationDoc>(env, "workspace_invitations");
  }

  /** The fields the API shows (the settings read model): no normalized email or acceptor. */
  listShown(workspaceId: string): Promise<Omit<InvitationDoc, "workspaceId" | "emailNormalized" | "updatedAt" | "acceptedByUserId">[]> {
    return this.invitations.find(
      { workspaceId },
      { sort: { createdAt: -1 }, limit: 500, projection: { _id: 1, email: 1, role: 1, teamIds: 1, status: 1, invitedByUserId: 1, createdAt: 1, acceptedAt: 1 } },
    );
  }

  byId(workspaceId: string, id: string) {
    return this.invitations.findOne({ workspaceId, _id: id });
  }

  /** Across workspaces, for the invitee: only by id and their own email. */
  pendingForEmailById(id: string, email: string) {
    return this.invitations.findOne({ _id: id, emailNormalized: normalizeEmail(email), status: "pending" });
  }

  pendingForEmail(email: string) {
    return this.invitations.find({ emailNormalized: normalizeEmail(email), status: "pending" });
  }

  pendingInWorkspace(workspaceId: string, email: string) {
    return this.invitations.findOne({ workspaceId, emailNormalized: normalizeEmail(email), status: "pending" });
  }

  insert(workspaceId: string, email: string, role: Role, teamIds: string[], invitedByUserId: string) {
    const now = new Date();
    return this.invitations.insertOne({
      _id: newId("inv"),
      workspaceId,
      email,
      emailNormalized: normalizeEmail(email),
      role,
      teamIds,
      status: "pending",
      invitedByUserId,
      createdAt: now,
      updatedAt: now,
      acceptedAt: null,
      acceptedByUserId: null,
    });
  }

  /** Pending -> accepted exactly once, even when two sign-ins race. */
  markAccepted(workspaceId: string, id: string, userId: string) {
    const now = new Date();
    return this.invitations.findOneAndUpdate(
      { workspaceId, _id: id, status: "pending" },
      { $set: { status: "accepted", acceptedAt: now, acceptedByUserId: userId, updatedAt: now } },
    );
  }

  revoke(workspaceId: string, id: string) {
    return this.invitations.findOneAndUpdate({ workspaceId, _id: id, status: "pending" }, { $set: { status: "revoked", updatedAt: new Date() } });
  }

  removeAll(workspaceId: string) {
    return this.invitations.deleteMany({ workspaceId });
  }
}
