import { Button, Code, Group, Modal, PasswordInput, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { api, ok, pathIds } from "../api/client.ts";
import { useApiMutation } from "../api/queries.ts";
import { ErrorNotice } from "../components/feedback.tsx";
import { fieldErrors } from "../components/limits.ts";
import { queryKeys } from "../realtime/query-keys.ts";
import type { OAuthProvider } from "../../../shared/api/oauth.ts";
import { capture } from "../analytics/analytics.ts";
import { useCaptureOnce } from "../analytics/use-capture-once.ts";

const FORM_FIELDS = new Set(["displayName", "domain", "authorizeUrl", "tokenUrl", "clientId", "clientSecret", "scopes"]);
const emptyValues = { provider: "", displayName: "", authorizeUrl: "", tokenUrl: "", clientId: "", clientSecret: "", scopes: [] as string[], domain: "" };

/** Adds a provider (`existing` null) or edits one; the client secret is write-only and kept when left empty. */
export function OAuthProviderForm({ workspaceId, existing, opened, onClose }: { workspaceId: string; existing: OAuthProvider | null; opened: boolean; onClose: () => void }) {
  const form = useForm({
    initialValues: existing ? { ...existing, clientSecret: "" } : emptyValues,
    validate: { provider: (v) => (/^[a-z0-9][a-z0-9-]{0,39}$/.test(v) ? null : "Lowercase letters, digits and dashes, e.g. acme-crm.") },
  });
  const save = useApiMutation(
    (values: typeof form.values) => {
      const { provider, clientSecret, ...rest } = values;
      const body = {
        displayName: rest.displayName,
        authorizeUrl: rest.authorizeUrl,
        tokenUrl: rest.tokenUrl,
        clientId: rest.clientId,
        scopes: rest.scopes,
        domain: rest.domain,
        ...(clientSecret ? { clientSecret } : {}),
      };
      return ok(api.workspaces[":wId"]["oauth-providers"][":provider"].$put({ param: pathIds({ wId: workspaceId, provider }), json: body }));
    },
    [queryKeys.integrations(workspaceId)],
  );
  useCaptureOnce("integration setup started", existing?.provider ?? "new provider", opened, { auth_mode: "oauth", kind: "oauth_provider", replacing: Boolean(existing) });
  const close = () => {
    form.reset();
    save.reset();
    onClose();
  };
  const apiErrors = fieldErrors(save.error);
  const redirectUri = existing?.redirectUri ?? `${window.location.origin}/api/oauth/callback`;
  return (
    <Modal opened={opened} onClose={close} title={existing ? `Edit ${existing.displayName}` : "Add an OAuth provider"} centered size="lg">
      <form
        onSubmit={form.onSubmit((values) => {
          if (save.isPending) return;
          save.mutate(values, {
            onSuccess: () => {
              capture("integration setup completed", { auth_mode: "oauth", kind: "oauth_provider", scope_count: values.scopes.length });
              close();
            },
          });
        })}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Register this redirect URI with the provider: <Code style={{ overflowWrap: "anywhere" }}>{redirectUri}</Code>
          </Text>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label="Key" placeholder="acme-crm" required disabled={Boolean(existing)} {...form.getInputProps("provider")} miw={180} />
            <TextInput label="Name" placeholder="Acme CRM" required {...form.getInputProps("displayName")} error={apiErrors.displayName} miw={180} />
          </Group>
          <TextInput
            label="API domain"
            description="The host the app's tools call with these accounts"
            placeholder="api.acme.com"
            required
            {...form.getInputProps("domain")}
            error={apiErrors.domain}
          />
          <TextInput label="Authorize URL" placeholder="https://acme.com/oauth/authorize" required {...form.getInputProps("authorizeUrl")} error={apiErrors.authorizeUrl} />
          <TextInput label="Token URL" placeholder="https://acme.com/oauth/token" required {...form.getInputProps("tokenUrl")} error={apiErrors.tokenUrl} />
          <TextInput label="Client ID" required {...form.getInputProps("clientId")} error={apiErrors.clientId} />
          <PasswordInput
            label="Client secret"
            required={!existing}
            description={existing ? "Stored encrypted. Leave empty to keep it." : "Stored encrypted; never shown again."}
            autoComplete="off"
            {...form.getInputProps("clientSecret")}
            error={apiErrors.clientSecret}
          />
          <TagsInput label="Scopes" placeholder="Type a scope and press Enter" {...form.getInputProps("scopes")} error={apiErrors.scopes} />
          {save.error && !Object.keys(apiErrors).some((f) => FORM_FIELDS.has(f)) && <ErrorNotice error={save.error} title="Not saved" />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {existing ? "Save provider" : "Add provider"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
