import { Group, Text, ThemeIcon } from "@mantine/core";

export function Brand() {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon radius="md" size={28} variant="gradient" gradient={{ from: "indigo", to: "violet", deg: 135 }}>
        <Text fw={800} size="sm" c="white">
          2
        </Text>
      </ThemeIcon>
      <Text fw={700} size="lg">
        Second
      </Text>
    </Group>
  );
}
