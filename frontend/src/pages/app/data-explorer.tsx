import { ActionIcon, Badge, Button, Code, Group, Modal, NavLink, Paper, ScrollArea, SegmentedControl, Stack, Table, Text, Textarea, Tooltip } from "@mantine/core";
import { IconDatabase, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { dataApi, type DataTarget } from "../../bridge/data-api.ts";
import { useLiveFeed } from "../../bridge/use-live-feed.ts";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback.tsx";
import type { ClientDoc } from "../../../../shared/api/app-data.ts";

const PAGE_SIZE = 100;

const dataKey = (t: DataTarget) => ["data", t.workspaceId, t.appId, t.version] as const;

/** Without the reserved `_` fields: what the app wrote. */
const fieldsOf = (doc: ClientDoc) => Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith("_")));

function DocEditor({ target, collection, doc, onClose }: { target: DataTarget; collection: string; doc: ClientDoc | null; onClose: () => void }) {
  const [text, setText] = useState(JSON.stringify(doc ? fieldsOf(doc) : {}, null, 2));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setError(null);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      setError(new Error("That is not valid JSON."));
      return;
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      setError(new Error("A document is a JSON object."));
      return;
    }
    setSaving(true);
    const api = dataApi(target);
    const record = data as Record<string, unknown>;
    await (doc ? api.update(collection, doc._id, record) : api.insert(collection, record)).then(onClose, setError);
    setSaving(false);
  };
  return (
    <Stack gap="sm">
      <Textarea aria-label="Document JSON" autosize minRows={8} maxRows={20} ff="monospace" value={text} onChange={(e) => setText(e.currentTarget.value)} />
      {doc && (
        <Text size="xs" c="dimmed">
          Fields you leave out are kept (updates merge). Fields starting with _ are reserved.
        </Text>
      )}
      <ErrorNotice error={error} title="Not saved" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={saving} onClick={() => void save()}>
          Save
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The app's data, browsable and editable (seed 000's Data Explorer). It subscribes to the shared
 * live feed only while it is open; every change refreshes what it shows.
 */
export function DataExplorer({ workspaceId, appId, canEditDraft }: { workspaceId: string; appId: string; canEditDraft: boolean }) {
  const [version, setVersion] = useState<"draft" | "published">(canEditDraft ? "draft" : "published");
  const target: DataTarget = { workspaceId, appId, version };
  const api = dataApi(target);
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<ClientDoc | "new" | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState<ClientDoc | null>(null);
  const [removing, setRemoving] = useState(false);
  const confirmRemove = async () => {
    if (!deleting || !current || removing) return;
    setRemoving(true);
    setRemoveError(null);
    await api.remove(current, deleting._id).then(() => setDeleting(null), setRemoveError);
    setRemoving(false);
  };

  const collections = useQuery({ queryKey: [...dataKey(target), "collections"], queryFn: () => api.collections().then((r) => r.collections) });
  const current = selected ?? collections.data?.[0]?.name ?? null;
  // Page by page, newest update first; "Load more" asks for the next page.
  const pages = useInfiniteQuery({
    queryKey: [...dataKey(target), "docs", current],
    queryFn: ({ pageParam }) => api.list(current!, pageParam, PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: current !== null,
  });
  const docs = { data: pages.data?.pages.flatMap((page) => page.docs), error: pages.error };

  useLiveFeed(target, (feed) => feed.onEvent(() => void queryClient.invalidateQueries({ queryKey: dataKey(target) })));

  const columns = [...new Set((docs.data ?? []).flatMap((d) => Object.keys(fieldsOf(d))))].slice(0, 6);
  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={version}
          onChange={(v) => {
            setVersion(v as "draft" | "published");
            setSelected(null);
          }}
          data={[
            { value: "draft", label: "Draft data", disabled: !canEditDraft },
            { value: "published", label: "Published data" },
          ]}
        />
        <Button size="xs" leftSection={<IconPlus size={14} />} disabled={!current} onClick={() => setEditing("new")}>
          Add document
        </Button>
      </Group>
      {collections.isLoading && <Loading label="Loading collections…" />}
      <ErrorNotice error={collections.error ?? docs.error ?? removeError} />
      {collections.data && collections.data.length === 0 && (
        <EmptyState title="No data yet" icon={<IconDatabase size={24} />}>
          Collections appear here as soon as the app (or an agent, or the REST API) writes its first document.
        </EmptyState>
      )}
      {collections.data && collections.data.length > 0 && (
        <Group align="flex-start" gap="sm" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
          <Paper withBorder radius="md" p={4} w={180}>
            {collections.data.map((c) => (
              <NavLink key={c.name} label={c.name} active={c.name === current} onClick={() => setSelected(c.name)} rightSection={<Badge size="xs" variant="light">{c.count}</Badge>} />
            ))}
          </Paper>
          <Paper withBorder radius="md" style={{ flex: 1, minWidth: 0 }}>
            <ScrollArea>
              <Table verticalSpacing={6} highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>_id</Table.Th>
                    {columns.map((c) => (
                      <Table.Th key={c}>{c}</Table.Th>
                    ))}
                    <Table.Th w={80} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {docs.data?.map((doc) => (
                    <Table.Tr key={doc._id}>
                      <Table.Td>
                        <Code>{doc._id.slice(-8)}</Code>
                      </Table.Td>
                      {columns.map((c) => (
                        <Table.Td key={c}>
                          <Text size="sm" truncate maw={220}>
                            {typeof doc[c] === "object" ? JSON.stringify(doc[c]) : String(doc[c] ?? "")}
                          </Text>
                        </Table.Td>
                      ))}
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <Tooltip label="Edit">
                            <ActionIcon variant="subtle" aria-label={`Edit ${doc._id}`} onClick={() => setEditing(doc)}>
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label="Delete">
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Delete ${doc._id}`}
                              onClick={() => setDeleting(doc)}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {pages.hasNextPage && (
                <Group justify="center" p="xs">
                  <Button size="xs" variant="default" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                    Load more
                  </Button>
                </Group>
              )}
            </ScrollArea>
          </Paper>
        </Group>
      )}
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete this document?" size="sm">
        <Stack gap="sm">
          <Text size="sm">
            Document <Code>{deleting?._id}</Code> will be removed from {current} for everyone using the app. This cannot be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button color="red" loading={removing} onClick={() => void confirmRemove()}>
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === "new" ? `New document in ${current}` : "Edit document"} size="lg">
        {editing !== null && current && <DocEditor target={target} collection={current} doc={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}
