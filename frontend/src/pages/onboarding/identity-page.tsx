import { Alert, Button, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocation, useNavigate } from "react-router";
import { returnPath } from "../../app/return-to.ts";
import { api, ok } from "../../api/client.ts";
import { useHealth } from "../../api/queries.ts";
import { ErrorNotice, Loading } from "../../components/feedback.tsx";
import { queryKeys } from "../../realtime/query-keys.ts";
import { OnboardingFrame } from "./onboarding-frame.tsx";

/**
 * `none` mode: name and email are the identity. `external` mode: the identity provider signs the
 * person in; here they only add a display name when their token carries none.
 */
export function IdentityPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const health = useHealth();
  const external = health.data?.authMode === "external";
  const form = useForm({
    initialValues: { displayName: "", email: "" },
    validate: {
      displayName: (v) => (v.trim() ? null : "Enter your name."),
      email: (v) => (external || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : "Enter a valid email address."),
    },
  });
  const signIn = useMutation({
    mutationFn: (values: typeof form.values) =>
      external ? ok(api.auth.profile.$post({ json: { displayName: values.displayName } })) : ok(api.auth.identity.$post({ json: values })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
      navigate(returnPath(location.search));
    },
  });
  if (health.isLoading) return <Loading label="Connecting…" />;
  return (
    <OnboardingFrame
      title={external ? "Finish your profile" : "Welcome to Second"}
      subtitle={
        external ? "Your organisation signed you in. Tell your teammates what to call you." : "Tell us who you are. This local workspace keeps you signed in on this browser."
      }
    >
      {external && (
        <Alert variant="light" color="gray">
          If this page keeps coming back, your identity provider did not sign you in: open Second through your company&apos;s login.
        </Alert>
      )}
      <form onSubmit={form.onSubmit((values) => signIn.mutate(values))}>
        <Stack gap="sm">
          <TextInput label="Your name" placeholder="Ada Lovelace" autoComplete="name" data-autofocus {...form.getInputProps("displayName")} />
          {!external && <TextInput label="Work email" placeholder="ada@company.com" type="email" autoComplete="email" {...form.getInputProps("email")} />}
          <ErrorNotice error={signIn.error} title="Could not sign you in" />
          <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
            Continue
          </Button>
        </Stack>
      </form>
    </OnboardingFrame>
  );
}
