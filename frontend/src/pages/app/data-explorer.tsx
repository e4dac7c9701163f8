import { Button, Checkbox, Code, Group, Modal, ScrollArea, SegmentedControl, Select, Stack, Text, Textarea } from "@mantine/core";
import { IconDatabase, IconPlus } from "@tabler/icons-react";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { dataApi, type DataTarget } from "../../bridge/data-api.ts";
import { useLiveFeed } from "../../bridge/use-live-feed.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback.tsx";
import type { ClientDoc } from "../../../../shared/api/app-data.ts";
import { DataGrid } from "./data/data-grid.tsx";
import { columnsOf, fieldsOf } from "./data/field-types.ts";

const PAGE_SIZE = 100;
const dataKey = (t: DataTarget) => ["data", t.workspaceId, t.appId, t.version] as const;
const blank = { string: "", number: 0, boolean: false, json: null } as const;

function DocEditor({
  target,
  collection,
  doc,
  template,
  onClose,
}: {
  target: DataTarget;
  collection: string;
  doc: ClientDoc | null;
  template: Record<string, unknown>;
  onClose: () => void;
}) {
  const [text, setText] = useState(JSON.stringify(doc ? fieldsOf(doc) : template, null, 2));
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
      setError(new Error('A document is a JSON object, like {"name": "Ada"}.'));
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
      <Text size="xs" c="dimmed">
        {doc ? "Fields you leave out are kept (updates merge). " : ""}Fields starting with _ are reserved.
      </Text>
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
 * The app's data, browsable and editable in a grid (or as JSON). It subscribes to the shared live
 * feed only while it is open; every change refreshes what it shows.
 */
export function DataExplorer({ workspaceId, appId, canEditDraft }: { workspaceId: string; appId: string; canEditDraft: boolean }) {
  const [version, setVersion] = useState<"draft" | "published">(canEditDraft ? "draft" : "published");
  const target: DataTarget = useMemo(() => ({ workspaceId, appId, version }), [workspaceId, appId, version]);
  const api = useMemo(() => dataApi(target), [target]);
  const queryClient = useQueryClient();
  const [showUpdated, setShowUpdated] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [view, setView] = useState<"table" | "json">("table");
  const [editing, setEditing] = useState<ClientDoc | "new" | null>(null);
  const [deleting, setDeleting] = useState<ClientDoc | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [removing, setRemoving] = useState(false);
  const canEdit = canEditDraft;

  const collections = useQuery({ queryKey: [...dataKey(target), "collections"], queryFn: () => api.collections().then((r) => r.collections) });
  const current = selected ?? collections.data?.[0]?.name ?? null;
  const docs = useInfiniteQuery({
    queryKey: [...dataKey(target), "docs", current],
    enabled: current !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.page(current!, PAGE_SIZE, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = docs.data?.pages.flatMap((p) => p.docs) ?? [];

  useLiveFeed(target, (feed) => feed.onEvent(() => void queryClient.invalidateQueries({ queryKey: dataKey(target) })));

  const saveField = useCallback((docId: string, field: string, value: unknown) => api.update(current!, docId, { [field]: value }), [api, current]);
  const remove = async () => {
    if (!deleting || !current) return;
    setRemoving(true);
    setRemoveError(null);
    try {
      await api.remove(current, deleting._id);
      setDeleting(null);
    } catch (e) {
      setRemoveError(e);
    } finally {
      setRemoving(false);
    }
  };
  const template = Object.fromEntries(columnsOf(rows).map(({ field, type }) => [field, blank[type]]));
  const list = collections.data ?? [];

  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between" gap="xs">
        <SegmentedControl
          size="xs"
          value={version}
          onChange={(v) => {
            setVersion(v === "published" ? "published" : "draft");
            setSelected(null);
          }}
          data={[
            { value: "draft", label: "Draft data", disabled: !canEditDraft },
            { value: "published", label: "Published data" },
          ]}
        />
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v === "json" ? "json" : "table")}
            data={[
              { value: "table", label: "Table" },
              { value: "json", label: "JSON" },
            ]}
            aria-label="View"
          />
          <Button size="xs" leftSection={<IconPlus size={14} />} disabled={!current || !canEdit} onClick={() => setEditing("new")}>
            Add
          </Button>
        </Group>
      </Group>
      {collections.isLoading && <Loading label="Loading collections…" />}
      <ErrorNotice error={collections.error ?? docs.error} />
      {collections.data && list.length === 0 && (
        <EmptyState title="No data yet" icon={<IconDatabase size={24} />}>
          Collections appear here as soon as the app (or an agent, or the REST API) writes its first document.
        </EmptyState>
      )}
      {list.length > 0 && (
        <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
          <Group gap="sm" justify="space-between">
            <Select
              aria-label="Collection"
              size="xs"
              w={220}
              data={list.map((c) => ({ value: c.name, label: `${c.name} (${c.count})` }))}
              value={current}
              onChange={(v) => v && setSelected(v)}
              allowDeselect={false}
            />
            {view === "table" && <Checkbox size="xs" label="Show when updated" checked={showUpdated} onChange={(e) => setShowUpdated(e.currentTarget.checked)} />}
          </Group>
          <Stack gap="xs" style={{ minWidth: 0 }}>
            {docs.isLoading && <Loading label="Loading documents…" />}
            {view === "table" ? (
              <DataGrid docs={rows} canEdit={canEdit} showUpdated={showUpdated} onSaveField={saveField} onEditJson={setEditing} onDelete={setDeleting} />
            ) : (
              <ScrollArea.Autosize mah={560} type="auto">
                <Code block data-testid="data-json">
                  {JSON.stringify(rows, null, 2)}
                </Code>
              </ScrollArea.Autosize>
            )}
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {rows.length} document{rows.length === 1 ? "" : "s"} loaded{canEdit && view === "table" ? " · click a cell to edit" : ""}
              </Text>
              {docs.hasNextPage && (
                <Button size="xs" variant="light" loading={docs.isFetchingNextPage} onClick={() => void docs.fetchNextPage()}>
                  Load more
                </Button>
              )}
            </Group>
          </Stack>
        </Stack>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === "new" ? `New document in ${current}` : "Edit document"} size="lg">
        {editing !== null && current && (
          <DocEditor target={target} collection={current} doc={editing === "new" ? null : editing} template={template} onClose={() => setEditing(null)} />
        )}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this document?"
        confirmLabel="Delete document"
        pending={removing}
        error={removeError}
        onClose={() => {
          setDeleting(null);
          setRemoveError(null);
        }}
        onConfirm={() => void remove()}
      >
        {deleting && (
          <>
            The document <Code>{deleting._id}</Code> is removed from <b>{current}</b> for the app and everyone using it. This cannot be undone.
          </>
        )}
      </ConfirmDialog>
    </Stack>
  );
}
