import { Button, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api } from "../../api/client.ts";
import { ErrorNotice } from "../../components/feedback.tsx";
import { queryKeys } from "../../realtime/query-keys.ts";
import type { User } from "../../../../shared/api/identity.ts";
import { OnboardingFrame } from "./onboarding-frame.tsx";

export function IdentityPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { displayName: "", email: "" },
    validate: {
      displayName: (v) => (v.trim() ? null : "Enter your name."),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : "Enter a valid email address."),
    },
  });
  const signIn = useMutation({
    mutationFn: (values: typeof form.values) => api.post<{ user: User }>("/api/auth/identity", values),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
      navigate("/");
    },
  });
  return (
    <OnboardingFrame title="Welcome to Second" subtitle="Tell us who you are. This local workspace keeps you signed in on this browser.">
      <form onSubmit={form.onSubmit((values) => signIn.mutate(values))}>
        <Stack gap="sm">
          <TextInput label="Your name" placeholder="Ada Lovelace" autoComplete="name" data-autofocus {...form.getInputProps("displayName")} />
          <TextInput label="Work email" placeholder="ada@company.com" type="email" autoComplete="email" {...form.getInputProps("email")} />
          <ErrorNotice error={signIn.error} title="Could not sign you in" />
          <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
            Continue
          </Button>
        </Stack>
      </form>
    </OnboardingFrame>
  );
}
