import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <Center mih="70vh">
      <Stack align="center" gap="xs">
        <Title order={1}>Page not found</Title>
        <Text c="dimmed">There is nothing at this address, or you cannot see it.</Text>
        <Button component={Link} to="/" variant="light" mt="sm">
          Go home
        </Button>
      </Stack>
    </Center>
  );
}
