import { Button, Divider, NavLink, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { IconBuilding } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router";
import { api, ok, once } from "../../api/client.ts";
import { useCreateMutation, useMe } from "../../api/queries.ts";
import { WORKSPACE_LIMITS } from "../../../../shared/api/workspaces.ts";
import { ErrorNotice } from "../../components/feedback.tsx";
import { queryKeys } from "../../realtime/query-keys.ts";
import { OnboardingFrame } from "./onboarding-frame.tsx";
import { capture } from "../../analytics/analytics.ts";

export function WorkspacePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const form = useForm({ initialValues: { name: "" }, validate: { name: (v) => (v.trim() ? null : "Name the workspace.") } });
  const create = useCreateMutation((values: { name: string }, key: string) => ok(api.workspaces.$post({ json: values }, once(key))), [queryKeys.me]);
  const submit = (values: { name: string }) =>
    create.mutate(values, {
      onSuccess: async ({ workspace }) => {
        capture("onboarding finished");
        await queryClient.invalidateQueries({ queryKey: queryKeys.me });
        navigate(`/w/${workspace.id}`);
      },
    });
  const existing = me.data?.workspaces ?? [];
  return (
    <OnboardingFrame title="Create a workspace" subtitle="A workspace holds your team's apps, data and members. You will be its owner.">
      <form onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          <TextInput label="Workspace name" placeholder="Acme Operations" data-autofocus maxLength={WORKSPACE_LIMITS.name} {...form.getInputProps("name")} />
          <ErrorNotice error={create.error} title="Could not create the workspace" />
          <Button type="submit" loading={create.isPending} fullWidth>
            Create workspace
          </Button>
        </Stack>
      </form>
      {existing.length > 0 && (
        <>
          <Divider label="or open one of yours" labelPosition="center" />
          <Stack gap={4}>
            {existing.map((w) => (
              <NavLink key={w.id} component={Link} to={`/w/${w.id}`} label={w.name} description={w.role} leftSection={<IconBuilding size={18} />} />
            ))}
          </Stack>
        </>
      )}
      <Text size="xs" c="dimmed">
        Signed in as {me.data?.user.email}
      </Text>
    </OnboardingFrame>
  );
}
