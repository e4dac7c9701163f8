import { Badge, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useHealth } from "../api/queries.ts";
import { ErrorNotice, Loading } from "../components/feedback.tsx";
import { Brand } from "../components/brand.tsx";

function Fact({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {tone ? (
        <Badge mt={6} color={tone} variant="light" size="lg">
          {value}
        </Badge>
      ) : (
        <Text fw={600} mt={4} data-testid={`status-${label.toLowerCase()}`}>
          {value}
        </Text>
      )}
    </Paper>
  );
}

/** GET /api/health, as a person reads it. */
export function StatusPage() {
  const health = useHealth();
  return (
    <Container size="md" py="xl">
      <Stack gap="lg">
        <Group justify="space-between">
          <Link to="/" style={{ textDecoration: "none", color: "inherit" }}>
            <Brand />
          </Link>
        </Group>
        <Title order={2}>Platform status</Title>
        {health.isLoading && <Loading label="Checking the platform…" />}
        <ErrorNotice error={health.error} title="The platform did not answer" />
        {health.data && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Fact label="Overall" value={health.data.ok ? "Operational" : "Degraded"} tone={health.data.ok ? "teal" : "red"} />
            <Fact label="Store" value={health.data.store} />
            <Fact label="Version" value={health.data.version} />
            <Fact label="Auth" value={health.data.authMode === "none" ? "none (local identity)" : "external (identity provider)"} />
            <Fact
              label="Runner"
              value={`${health.data.runner.ok ? "reachable" : "unreachable"} via ${health.data.runner.via}${health.data.runner.detail ? ` (${health.data.runner.detail})` : ""}`}
              tone={health.data.runner.ok ? "teal" : "orange"}
            />
            <Fact label="Checked" value={new Date(health.data.time).toLocaleString()} />
          </SimpleGrid>
        )}
      </Stack>
    </Container>
  );
}
