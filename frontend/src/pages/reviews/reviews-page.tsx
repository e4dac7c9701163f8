import { Anchor, Badge, Button, Group, List, Paper, SegmentedControl, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconChecklist } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { api, ok, pathIds } from "../../api/client.ts";
import { useApiMutation, useTeams } from "../../api/queries.ts";
import { useReviews } from "../../api/publishing-queries.ts";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback.tsx";
import { queryKeys } from "../../realtime/query-keys.ts";
import { useCurrentWorkspace, usePermission } from "../../workspace/workspace-context.tsx";
import { capture } from "../../analytics/analytics.ts";
import { useCaptureOnce } from "../../analytics/use-capture-once.ts";
import { describeChanges, type Review, type SnapshotChanges } from "../../../../shared/api/publishing.ts";

const statusColor: Record<Review["status"], string> = { pending: "blue", approved: "teal", rejected: "red", superseded: "gray" };

function FileList({ label, paths: files, color }: { label: string; paths: string[]; color: string }) {
  if (files.length === 0) return null;
  return (
    <div>
      <Text size="xs" fw={600} c={color}>
        {label} ({files.length})
      </Text>
      <List size="xs" spacing={0} style={{ wordBreak: "break-all" }}>
        {files.slice(0, 30).map((p) => (
          <List.Item key={p}>
            <code>{p}</code>
          </List.Item>
        ))}
        {files.length > 30 && <List.Item>and {files.length - 30} more</List.Item>}
      </List>
    </div>
  );
}

function Changes({ changes, firstPublish }: { changes: SnapshotChanges; firstPublish: boolean }) {
  return (
    <Stack gap={4} data-testid="review-changes">
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {firstPublish ? "First publication" : "Since the published version"}: {describeChanges(changes)}
        </Text>
        {changes.agentsJsonChanged && (
          <Badge color="orange" variant="light" size="sm">
            agents.json changed
          </Badge>
        )}
      </Group>
      <FileList label="Added" paths={changes.added} color="teal" />
      <FileList label="Changed" paths={changes.changed} color="blue" />
      <FileList label="Removed" paths={changes.removed} color="red" />
    </Stack>
  );
}

function ReviewCard({ review, teamNames }: { review: Review; teamNames: Map<string, string> }) {
  const ws = useCurrentWorkspace();
  const canDecide = usePermission("apps:publish") && review.status === "pending";
  const [comment, setComment] = useState("");
  const invalidate = [["ws", ws.id, "reviews"], queryKeys.apps(ws.id)];
  // Captured inside the mutation, not in a mutate() callback: the decision removes this card from the
  // live inbox, often before the answer arrives, and callbacks of an unmounted card never run.
  const decided = async <T,>(action: "approved" | "rejected", call: Promise<T>): Promise<T> => {
    const answer = await call;
    capture("approval acted", { approval_kind: "publish_review", action, team_count: review.teamIds.length, has_comment: comment.trim() !== "" });
    return answer;
  };
  const approve = useApiMutation(
    () => decided("approved", ok(api.workspaces[":wId"].reviews[":reviewId"].approve.$post({ param: pathIds({ wId: ws.id, reviewId: review.id }), json: { comment } }))),
    invalidate,
  );
  const reject = useApiMutation(
    () => decided("rejected", ok(api.workspaces[":wId"].reviews[":reviewId"].reject.$post({ param: pathIds({ wId: ws.id, reviewId: review.id }), json: { comment } }))),
    invalidate,
  );
  useCaptureOnce("approval shown", review.id, canDecide, {
    approval_kind: "publish_review",
    team_count: review.teamIds.length,
    agents_json_changed: review.changes.agentsJsonChanged,
  });
  const busy = approve.isPending || reject.isPending;
  const firstPublish = review.changes.changed.length === 0 && review.changes.removed.length === 0;
  return (
    <Paper withBorder radius="md" p="md" data-testid="review-card" data-review-id={review.id} data-status={review.status}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Anchor component={Link} to={`/w/${ws.id}/apps/${review.appId}`} fw={600}>
              {review.appName}
            </Anchor>
            <Badge color={statusColor[review.status]} variant="light">
              {review.status}
            </Badge>
            {review.status === "pending" && !review.current && (
              <Badge color="orange" variant="light">
                draft changed since
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {review.requestedBy.displayName} · {new Date(review.createdAt).toLocaleString()}
          </Text>
        </Group>
        <Text size="sm">
          For teams: <b>{review.teamIds.map((id) => teamNames.get(id) ?? "a removed team").join(", ")}</b>
        </Text>
        {review.note && (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            “{review.note}”
          </Text>
        )}
        <Changes changes={review.changes} firstPublish={firstPublish} />
        {review.comment && (
          <Text size="sm" c="dimmed">
            {review.decidedBy ? `${review.decidedBy.displayName}: ` : ""}
            {review.comment}
          </Text>
        )}
        {canDecide && (
          <Stack gap="xs">
            <Textarea
              aria-label="Comment for the requester"
              placeholder="Comment for the requester (optional)"
              autosize
              minRows={1}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <ErrorNotice error={approve.error ?? reject.error} title="Not decided" />
            <Group justify="flex-end" gap="xs">
              <Button variant="light" color="red" onClick={() => reject.mutate(undefined)} loading={reject.isPending} disabled={busy}>
                Reject
              </Button>
              <Button color="teal" onClick={() => approve.mutate(undefined)} loading={approve.isPending} disabled={busy}>
                Approve and publish
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** The review inbox: owners and admins decide; builders follow their own requests. Live via review.updated. */
export function ReviewsPage() {
  const ws = useCurrentWorkspace();
  const [status, setStatus] = useState<"pending" | "all">("pending");
  const reviews = useReviews(ws.id, status);
  const teams = useTeams(ws.id);
  const teamNames = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
  return (
    <Stack gap="md" maw={860}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3">
          Reviews
        </Title>
        <SegmentedControl
          size="xs"
          value={status}
          onChange={(v) => setStatus(v === "all" ? "all" : "pending")}
          data={[
            { value: "pending", label: "Pending" },
            { value: "all", label: "All" },
          ]}
        />
      </Group>
      {reviews.isLoading && <Loading label="Loading reviews…" />}
      <ErrorNotice error={reviews.error} />
      {reviews.data?.length === 0 && (
        <EmptyState title={status === "pending" ? "Nothing to review" : "No reviews yet"} icon={<IconChecklist size={24} />}>
          When a member asks to publish an app, the request appears here with what changed.
        </EmptyState>
      )}
      {reviews.data?.map((r) => (
        <ReviewCard key={r.id} review={r} teamNames={teamNames} />
      ))}
    </Stack>
  );
}
