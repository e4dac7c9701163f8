import { Modal, Stack, Switch, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ok } from "../api/client.ts";
import { ErrorNotice } from "../components/feedback.tsx";

const key = ["usage-data"];

/** Usage data settings (product analytics): anonymized by default; switching affects future events only. */
export function UsageDataModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: key, enabled: opened, queryFn: () => ok(api.me["usage-data"].$get()) });
  const update = useMutation({
    mutationFn: (anonymized: boolean) => ok(api.me["usage-data"].$patch({ json: { anonymized } })),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Usage data">
      <Stack gap="sm">
        <Text size="sm">
          Second sends product analytics through this platform, never straight from your browser. Anonymized events carry a random id for this browser and no names, emails, prompts
          or ids.
        </Text>
        {current.data && !current.data.collecting && (
          <Text size="sm" c="dimmed">
            This deployment collects no usage data: nothing is sent, whatever you choose here.
          </Text>
        )}
        <Switch
          label="Anonymize my usage data"
          checked={current.data?.anonymized ?? true}
          disabled={!current.data || update.isPending}
          onChange={(e) => update.mutate(e.currentTarget.checked)}
        />
        <Text size="xs" c="dimmed">
          Turning this off links future events to your account; past anonymous events stay anonymous.
        </Text>
        <ErrorNotice error={current.error ?? update.error} title="Not changed" />
      </Stack>
    </Modal>
  );
}
