import { Button, Group, Modal, PasswordInput, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { api, ok, pathIds } from "../api/client.ts";
import { useApiMutation } from "../api/queries.ts";
import { ErrorNotice } from "../components/feedback.tsx";
import { queryKeys } from "../realtime/query-keys.ts";
import type { IntegrationGrant } from "./grant-types.ts";
import { capture } from "../analytics/analytics.ts";
import { useCaptureOnce } from "../analytics/use-capture-once.ts";

/**
 * Sets or replaces a grant's static secrets. The values go to the platform once and are never shown
 * again (answers only say whether each secret is set); a secret left empty keeps its stored value.
 */
export function CredentialModal({ workspaceId, grant, opened, onClose }: { workspaceId: string; grant: IntegrationGrant; opened: boolean; onClose: () => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const close = () => {
    setValues({});
    onClose();
  };
  const save = useApiMutation(
    (secrets: Record<string, string>) =>
      ok(
        api.workspaces[":wId"].apps[":aId"].integrations[":integrationId"].credential.$put({
          param: pathIds({ wId: workspaceId, aId: grant.appId, integrationId: grant.id }),
          json: { secrets },
        }),
      ),
    [queryKeys.integrations(workspaceId)],
  );
  useCaptureOnce("integration setup started", grant.id, opened, { auth_mode: grant.authMode, kind: "credential", replacing: grant.status === "configured" });
  const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
  const missing = grant.secrets.filter((s) => !s.set && !filled[s.name]);
  return (
    <Modal opened={opened} onClose={close} title={`Credential for ${grant.displayName}`} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (save.isPending) return;
          save.mutate(filled, {
            onSuccess: () => {
              capture("integration setup completed", { auth_mode: grant.authMode, kind: "credential", secret_count: Object.keys(filled).length });
              close();
            },
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Used only for calls to {grant.domain} by this app's approved tools. Stored encrypted; nobody can read it back.
          </Text>
          {grant.secrets.map((secret) => (
            <PasswordInput
              key={secret.name}
              label={secret.label}
              description={secret.set ? "Set. Leave empty to keep it." : undefined}
              autoComplete="off"
              value={values[secret.name] ?? ""}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setValues((v) => ({ ...v, [secret.name]: value }));
              }}
            />
          ))}
          <ErrorNotice error={save.error} title="Not saved" />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={Object.keys(filled).length === 0 || missing.length > 0}>
              Save credential
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
