import { Group, Loader, Paper, Progress, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconCheck, IconCircleDashed, IconX } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { type BuildStep, formatElapsed } from "./build-progress.ts";

function StepIcon({ state }: { state: BuildStep["state"] }) {
  if (state === "done")
    return (
      <ThemeIcon size={22} radius="xl" color="teal" variant="light">
        <IconCheck size={14} />
      </ThemeIcon>
    );
  if (state === "failed")
    return (
      <ThemeIcon size={22} radius="xl" color="red" variant="light">
        <IconX size={14} />
      </ThemeIcon>
    );
  if (state === "active") return <Loader size={18} />;
  return <IconCircleDashed size={22} color="var(--mantine-color-dimmed)" />;
}

function useElapsed(startedAt: number) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return formatElapsed(now - startedAt);
}

/** The build's steps and elapsed time: centred when nothing is built yet, a strip over the old version otherwise. */
export function BuildProgressView({ steps, startedAt, compact }: { steps: BuildStep[]; startedAt: number; compact: boolean }) {
  const elapsed = useElapsed(startedAt);
  const done = steps.filter((s) => s.state === "done").length;
  const current = steps.find((s) => s.state === "active") ?? steps.find((s) => s.state === "pending");
  if (compact) {
    return (
      <Paper withBorder radius="md" px="sm" py={6} data-testid="build-progress" role="status" aria-live="polite">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Loader size={14} />
            <Text size="sm" truncate>
              {current?.label ?? "Working"}…
            </Text>
          </Group>
          <Text size="xs" c="dimmed" ff="monospace" data-testid="build-elapsed">
            {elapsed}
          </Text>
        </Group>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="lg" p="xl" maw={440} mx="auto" mt="xl" data-testid="build-progress" role="status" aria-live="polite">
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={3}>Building your app</Title>
          <Text size="sm" c="dimmed" ff="monospace" data-testid="build-elapsed">
            {elapsed}
          </Text>
        </Group>
        <Progress value={(done / steps.length) * 100} size="sm" animated />
        <Stack gap="sm">
          {steps.map((step) => (
            <Group key={step.label} gap="sm" wrap="nowrap" data-state={step.state} data-testid="build-step">
              <StepIcon state={step.state} />
              <Text size="sm" c={step.state === "pending" ? "dimmed" : undefined} fw={step.state === "active" ? 600 : 400} style={{ flex: 1 }}>
                {step.label}
              </Text>
              {step.detail && (
                <Text size="xs" c="dimmed">
                  {step.detail}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
        <Text size="xs" c="dimmed">
          The preview appears here as soon as the build passes. You can keep chatting meanwhile.
        </Text>
      </Stack>
    </Paper>
  );
}
