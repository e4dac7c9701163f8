import { ActionIcon, Alert, Box, Button, Group, Loader, Paper, ScrollArea, Stack, Text, Textarea, Tooltip } from "@mantine/core";
import { IconArrowUp, IconMessageChatbot, IconPlayerStopFilled } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { builderModelSchema, DEFAULT_BUILDER_MODEL, type BuilderModel } from "../../../../../shared/api/models.ts";
import { type UIMessage, userMessageText } from "../../../../../shared/chat/messages.ts";
import type { App } from "../../../../../shared/api/apps.ts";
import { type ChatStatus, useBuilderChat } from "./use-builder-chat.ts";
import { api, ok } from "../../../api/client.ts";
import { appIds, useApiMutation } from "../../../api/queries.ts";
import { queryKeys } from "../../../realtime/query-keys.ts";
import { AssistantMessage } from "./message-parts.tsx";
import { ModelPicker } from "./model-picker.tsx";
import { capture } from "../../../analytics/analytics.ts";

/** The chat with the builder agent: streaming, tool cards, Stop, the model picker. */
export interface ChatActivity {
  status: ChatStatus;
  messages: UIMessage[];
}

interface BuilderChatProps {
  app: App;
  /** Send this as soon as the chat is ready (a new app's description, or the request to build imported files). */
  autoStartMessage?: string | null;
  /** Only into an empty chat (a new app's description must not be sent again after a reload). */
  firstMessageOnly?: boolean;
  onAutoStarted?: () => void;
  /** Reports the turn's progress, for the progress view over the preview. */
  onActivity?: (activity: ChatActivity) => void;
}

export function BuilderChat({ app, autoStartMessage = null, firstMessageOnly = true, onAutoStarted, onActivity }: BuilderChatProps) {
  const chat = useBuilderChat(app.workspaceId, app.id);
  const [draft, setDraft] = useState(chat.messages.length === 0 ? app.description : "");
  // A model the platform no longer offers (an older setting) falls back to the default.
  const [model, setModel] = useState<BuilderModel>(builderModelSchema.safeParse(app.builderModel).data ?? DEFAULT_BUILDER_MODEL);
  const saveModel = useApiMutation(
    (builderModel: BuilderModel) => ok(api.workspaces[":wId"].apps[":aId"].$patch({ param: appIds(app.workspaceId, app.id), json: { builderModel } })),
    [queryKeys.app(app.workspaceId, app.id)],
  );
  const viewport = useRef<HTMLDivElement>(null);
  const streaming = chat.status === "streaming";
  const autoStarted = useRef(false);

  useEffect(() => onActivity?.({ status: chat.status, messages: chat.messages }), [chat.status, chat.messages, onActivity]);
  useEffect(() => {
    if (autoStartMessage === null) autoStarted.current = false;
    if (!autoStartMessage?.trim() || autoStarted.current || chat.status !== "ready" || (firstMessageOnly && chat.messages.length > 0) || chat.run) return;
    autoStarted.current = true;
    onAutoStarted?.();
    setDraft("");
    void chat.send(autoStartMessage, model);
  }, [autoStartMessage, firstMessageOnly, chat, model, onAutoStarted]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the bottom whenever a message grows
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [chat.messages]);
  useEffect(() => {
    if (chat.status === "ready" && chat.messages.length > 0) setDraft((d) => (d === app.description ? "" : d));
  }, [chat.status, chat.messages.length, app.description]);

  const submit = () => {
    const text = draft.trim();
    if (!text || streaming) return;
    setDraft("");
    void chat.send(text, model);
  };

  // One pick per set of suggestions: a double click sends one message (the chips disable once the turn runs).
  const pickedFrom = useRef<string | null>(null);
  const latest = chat.messages.at(-1);
  const pickSuggestion = (text: string, position: number, count: number) => {
    if (streaming || !latest || pickedFrom.current === latest.id) return;
    pickedFrom.current = latest.id;
    // The position and count only: a suggestion is free text and never leaves as analytics.
    capture("suggestion picked", { position, suggestion_count: count });
    // Settles when the turn ended or the send failed: a failed send may be picked again.
    void chat.send(text, model).then(() => {
      pickedFrom.current = null;
    });
  };

  if (!app.access.canEdit) {
    return (
      <Text size="sm" c="dimmed">
        Only the app&apos;s builders can chat with the builder.
      </Text>
    );
  }
  return (
    <Stack h="100%" gap="sm">
      <Group gap="xs">
        <IconMessageChatbot size={18} />
        <Text fw={600}>Builder</Text>
      </Group>
      <ScrollArea style={{ flex: 1 }} viewportRef={viewport} type="auto" scrollbars="y">
        <Stack gap="md" pr="xs">
          {chat.status === "loading" && (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                Loading the conversation…
              </Text>
            </Group>
          )}
          {chat.status !== "loading" && chat.messages.length === 0 && (
            <Text size="sm" c="dimmed">
              Describe what the app should do. The builder plans, writes the code, builds it and shows it on the right.
            </Text>
          )}
          {chat.messages.map((message, index) =>
            message.role === "user" ? (
              <Paper key={message.id} radius="md" p="sm" bg="var(--mantine-color-default-hover)" ml="xl" data-testid="user-message">
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {userMessageText(message)}
                </Text>
              </Paper>
            ) : (
              <AssistantMessage
                key={message.id}
                parts={message.parts}
                streaming={streaming && index === chat.messages.length - 1}
                stopped={message.metadata?.stopped === true}
                onPickSuggestion={message === latest ? pickSuggestion : undefined}
              />
            ),
          )}
          {streaming && (
            <Group gap="xs" data-testid="streaming">
              <Loader size="xs" type="dots" />
              <Text size="xs" c="dimmed">
                Working…
              </Text>
            </Group>
          )}
          {chat.error && (
            <Alert color="red" variant="light" title="The turn ended with an error">
              {chat.error.message}
            </Alert>
          )}
        </Stack>
      </ScrollArea>
      <Box>
        <Textarea
          aria-label="Message the builder"
          placeholder="Describe a change…"
          autosize
          minRows={2}
          maxRows={8}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <Group justify="space-between" mt={6}>
          <ModelPicker
            value={model}
            onChange={(v) => {
              setModel(v);
              saveModel.mutate(v);
            }}
          />
          {streaming ? (
            <Button size="xs" color="red" variant="light" leftSection={<IconPlayerStopFilled size={14} />} onClick={() => void chat.stop()}>
              Stop
            </Button>
          ) : (
            <Tooltip label="Send (Enter)">
              <ActionIcon size="lg" aria-label="Send" disabled={!draft.trim()} onClick={submit}>
                <IconArrowUp size={18} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Box>
    </Stack>
  );
}
