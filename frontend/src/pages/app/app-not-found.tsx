import { Button, Center, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { Link } from "react-router";

/** An app that does not exist, was deleted, or is a draft the person cannot see: the same page, with a way back. */
export function AppNotFound({ workspaceId }: { workspaceId: string }) {
  return (
    <Center mih="60vh">
      <Stack align="center" gap="xs" maw={420} ta="center">
        <ThemeIcon size={48} radius="xl" variant="light" color="gray">
          <IconLock size={24} />
        </ThemeIcon>
        <Title order={2}>App not found</Title>
        <Text c="dimmed" size="sm">
          This app does not exist, was deleted, or is a draft that only its builders can open. Ask its owner to share it with you.
        </Text>
        <Button component={Link} to={`/w/${workspaceId}`} variant="light" mt="sm">
          Back to your apps
        </Button>
      </Stack>
    </Center>
  );
}
