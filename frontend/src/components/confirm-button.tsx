import { Button, Group, Popover, Stack, Text, type ButtonProps } from "@mantine/core";
import { useState, type ReactNode } from "react";

/** A button that asks once more before doing something that cannot be taken back lightly. */
export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  loading,
  ...button
}: ButtonProps & { children: ReactNode; question: ReactNode; confirmLabel: string; onConfirm: () => void; loading?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover opened={open} onChange={setOpen} withArrow trapFocus position="bottom-end" width={280}>
      <Popover.Target>
        <Button {...button} loading={loading} onClick={() => setOpen((o) => !o)}>
          {children}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm">{question}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              color={button.color}
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
