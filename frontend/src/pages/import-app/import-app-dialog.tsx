import { Alert, Button, Group, List, Modal, ScrollArea, Stack, Text, TextInput } from "@mantine/core";
import { IconFolderOpen } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api, ok, once } from "../../api/client.ts";
import { wsIds, useCreateMutation } from "../../api/queries.ts";
import { capture } from "../../analytics/analytics.ts";
import { ErrorNotice } from "../../components/feedback.tsx";
import { queryKeys } from "../../realtime/query-keys.ts";
import { APP_LIMITS } from "../../../../shared/api/apps.ts";
import type { ImportAppBody } from "../../../../shared/api/app-import.ts";
import { type FolderImport, formatBytes, readFolder } from "./read-folder.ts";

/** Sets the non-standard folder attribute React does not type. */
const pickFolders = (input: HTMLInputElement | null) => input?.setAttribute("webkitdirectory", "");

/**
 * Import an existing app from a folder: the browser reads its text files, shows what will be imported
 * and what is skipped (and why), and on confirm creates the app with them as its first draft.
 */
export function ImportAppDialog({ workspaceId, opened, onClose }: { workspaceId: string; opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [folder, setFolder] = useState<FolderImport | null>(null);
  const [reading, setReading] = useState(false);
  const [name, setName] = useState("");
  const create = useCreateMutation(
    (body: ImportAppBody, key: string) => ok(api.workspaces[":wId"].apps.import.$post({ param: wsIds(workspaceId), json: body }, once(key))),
    [queryKeys.apps(workspaceId)],
  );

  const pick = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setReading(true);
    const read = await readFolder(list).finally(() => setReading(false));
    setFolder(read);
    setName((current) => current || read.folderName.slice(0, APP_LIMITS.name));
  };
  const close = () => {
    setFolder(null);
    setName("");
    create.reset();
    onClose();
  };
  const fileCount = folder ? Object.keys(folder.files).length : 0;
  const ready = folder !== null && folder.problem === null && name.trim().length > 0;
  const submit = () => {
    if (!folder || !ready) return;
    create.mutate(
      { name: name.trim(), description: "", files: folder.files },
      {
        onSuccess: ({ app }) => {
          capture("import existing app triggered", { file_count: fileCount, total_bytes: folder.totalBytes });
          // The imported files are not built yet: the app page asks the builder to build them.
          navigate(`/w/${workspaceId}/apps/${app.id}?build=import`);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="Import an existing app" centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Pick the app&apos;s folder (the one holding src/). Its source files under src/, index.html, agents.json and integration-setup.json are imported; package.json is not,
            since the platform provides the dependencies. Agents stay off until an admin approves them.
          </Text>
          <Button component="label" variant="default" leftSection={<IconFolderOpen size={16} />} loading={reading} style={{ alignSelf: "flex-start" }}>
            {folder ? "Choose another folder" : "Choose a folder"}
            <input
              ref={pickFolders}
              type="file"
              multiple
              hidden
              data-testid="import-folder-input"
              onChange={(e) => {
                void pick(e.currentTarget.files);
                e.currentTarget.value = "";
              }}
            />
          </Button>
          {folder && (
            <>
              <Text size="sm" data-testid="import-summary">
                <b>{fileCount}</b> {fileCount === 1 ? "file" : "files"} to import, {formatBytes(folder.totalBytes)}
                {folder.skipped.length > 0 && `; ${folder.skipped.length} skipped`}.
              </Text>
              {folder.skipped.length > 0 && (
                <ScrollArea.Autosize mah={160} type="auto">
                  <List size="xs" spacing={2} data-testid="import-skipped">
                    {folder.skipped.map((s) => (
                      <List.Item key={s.path} style={{ overflowWrap: "anywhere" }}>
                        <Text span size="xs" ff="monospace">
                          {s.path}
                        </Text>{" "}
                        <Text span size="xs" c="dimmed">
                          — {s.reason}
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                </ScrollArea.Autosize>
              )}
              {folder.problem && (
                <Alert color="orange" variant="light">
                  {folder.problem}
                </Alert>
              )}
              <TextInput label="App name" value={name} maxLength={APP_LIMITS.name} onChange={(e) => setName(e.currentTarget.value)} required />
            </>
          )}
          <ErrorNotice error={create.error} title="Could not import the app" />
          <Group justify="space-between" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={!ready} loading={create.isPending}>
              {fileCount > 0 ? `Import ${fileCount} ${fileCount === 1 ? "file" : "files"}` : "Import"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
