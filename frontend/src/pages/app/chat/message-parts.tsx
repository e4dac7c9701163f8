import { Accordion, Badge, Code, Group, List, Paper, Spoiler, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconFileCode, IconListCheck, IconLoader2, IconPlayerStopFilled, IconRobot, IconTrash } from "@tabler/icons-react";
import Markdown from "react-markdown";
import type { MessagePart } from "../../../../../shared/chat/messages.ts";
import { turnUsageLine } from "../../../usage/format-usage.ts";
import { IntegrationSetupCard } from "./integration-setup-card.tsx";
import { type PickSuggestion, SuggestionChips } from "./suggestion-chips.tsx";

type ToolPart = Extract<MessagePart, { toolCallId: string }>;

const input = (part: ToolPart) => (part.input ?? {}) as Record<string, unknown>;

function FileCard({ part, verb }: { part: ToolPart; verb: string }) {
  const done = part.state === "output-available";
  const failed = part.state === "output-error";
  return (
    <Group gap={8} wrap="nowrap" data-testid="tool-card">
      <ThemeIcon size="sm" variant="light" color={failed ? "red" : done ? "teal" : "gray"}>
        {verb === "Deleted" ? <IconTrash size={12} /> : <IconFileCode size={12} />}
      </ThemeIcon>
      <Text size="sm">
        {done ? verb : failed ? `Could not ${verb.toLowerCase().replace(/ed$/, "")}` : `${verb.replace(/ed$/, "ing").replace(/eing$/, "ing")}…`}{" "}
        <Code>{String(input(part).path ?? "…")}</Code>
      </Text>
    </Group>
  );
}

function PlanCard({ part }: { part: ToolPart }) {
  const plan = input(part) as { summary?: string; steps?: string[] };
  return (
    <Paper withBorder radius="md" p="sm" data-testid="plan-card">
      <Group gap={6} mb={6}>
        <IconListCheck size={16} />
        <Text fw={600} size="sm">
          Plan{plan.summary ? `: ${plan.summary}` : ""}
        </Text>
      </Group>
      <List size="sm" spacing={2}>
        {(plan.steps ?? []).map((step) => (
          <List.Item key={step}>{step}</List.Item>
        ))}
      </List>
    </Paper>
  );
}

function AgentsCard({ part }: { part: ToolPart }) {
  const agents = (input(part).agents ?? []) as { id: string; name: string; description?: string }[];
  const appTools = (input(part).appTools ?? []) as { name: string; description?: string }[];
  return (
    <Paper withBorder radius="md" p="sm">
      <Group gap={6} mb={6}>
        <IconRobot size={16} />
        <Text fw={600} size="sm">
          Agents ({agents.length}){appTools.length ? ` and app tools (${appTools.length})` : ""} — an admin approves them before they run
        </Text>
      </Group>
      {agents.map((a) => (
        <Text key={a.id} size="sm">
          <b>{a.name}</b> {a.description}
        </Text>
      ))}
      {appTools.map((t) => (
        <Text key={t.name} size="sm">
          <b>{t.name}</b> {t.description}
        </Text>
      ))}
    </Paper>
  );
}

export function BuildCard({ data }: { data: { ok: boolean; errors?: string } }) {
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="build-card"
      data-ok={data.ok ? "true" : "false"}
      style={{ borderColor: data.ok ? "var(--mantine-color-teal-4)" : "var(--mantine-color-red-4)" }}
    >
      <Group gap={6}>
        {data.ok ? <IconCheck size={16} color="var(--mantine-color-teal-6)" /> : <IconAlertTriangle size={16} color="var(--mantine-color-red-6)" />}
        <Text size="sm" fw={600}>
          {data.ok ? "Build passed" : "Build failed"}
        </Text>
      </Group>
      {data.errors && (
        <Spoiler maxHeight={0} showLabel="Show errors" hideLabel="Hide errors" mt={4}>
          <Code block fz="xs" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
            {data.errors}
          </Code>
        </Spoiler>
      )}
    </Paper>
  );
}

/**
 * One part of an assistant message: text (markdown), reasoning (collapsed), tool cards, data cards.
 * `onPickSuggestion` is set on the latest assistant message only: older suggestions are not shown.
 */
export function MessagePartView({ part, streaming, onPickSuggestion }: { part: MessagePart; streaming: boolean; onPickSuggestion?: PickSuggestion }) {
  if (part.type === "text") return <div className="chat-markdown">{<Markdown>{(part as { text: string }).text}</Markdown>}</div>;
  if (part.type === "reasoning") {
    return (
      <Accordion variant="contained" radius="md">
        <Accordion.Item value="reasoning">
          <Accordion.Control>
            <Text size="xs" c="dimmed">
              Reasoning
            </Text>
          </Accordion.Control>
          <Accordion.Panel>
            <Text size="xs" style={{ whiteSpace: "pre-wrap" }}>
              {(part as { text: string }).text}
            </Text>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    );
  }
  if (part.type === "data-build") return <BuildCard data={(part as { data: { ok: boolean; errors?: string } }).data} />;
  if (part.type === "data-usage") {
    const usage = (part as { data: Parameters<typeof turnUsageLine>[0] }).data;
    return (
      <Text size="xs" c="dimmed" data-testid="turn-usage">
        {turnUsageLine(usage)}
      </Text>
    );
  }
  if (!("toolCallId" in part)) return null;
  const name = part.type.slice("tool-".length);
  if (name === "write_file") return <FileCard part={part} verb="Wrote" />;
  if (name === "edit_file") return <FileCard part={part} verb="Edited" />;
  if (name === "delete_file") return <FileCard part={part} verb="Deleted" />;
  if (name === "present_plan") return <PlanCard part={part} />;
  if (name === "present_agents") return <AgentsCard part={part} />;
  if (name === "present_integration_setup") return <IntegrationSetupCard input={input(part)} failed={part.state === "output-error"} />;
  if (name === "show_suggestions") {
    if (!onPickSuggestion || part.state !== "output-available") return null;
    return <SuggestionChips output={part.output} onPick={onPickSuggestion} disabled={streaming} />;
  }
  if (name === "done_building") {
    return part.state === "input-streaming" || part.state === "input-available" ? (
      <Group gap={6}>
        <IconLoader2 size={14} className="spin" />
        <Text size="sm" c="dimmed">
          {streaming ? "Typechecking and building…" : "Build interrupted"}
        </Text>
      </Group>
    ) : null;
  }
  return (
    <Badge variant="light" color="gray" size="sm">
      {name.replace(/_/g, " ")}
    </Badge>
  );
}

export function AssistantMessage({
  parts,
  streaming,
  stopped = false,
  onPickSuggestion,
}: {
  parts: MessagePart[];
  streaming: boolean;
  stopped?: boolean;
  onPickSuggestion?: PickSuggestion;
}) {
  return (
    <Stack gap={8} data-testid="assistant-message">
      {parts
        .filter((p) => p.type !== "step-start")
        .map((part, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are append-only and have no ids of their own
          <MessagePartView key={i} part={part} streaming={streaming} onPickSuggestion={onPickSuggestion} />
        ))}
      {stopped && (
        <Group gap={6} data-testid="stopped">
          <IconPlayerStopFilled size={12} color="var(--mantine-color-dimmed)" />
          <Text size="xs" c="dimmed">
            Stopped
          </Text>
        </Group>
      )}
    </Stack>
  );
}
