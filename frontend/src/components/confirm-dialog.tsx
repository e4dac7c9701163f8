import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { ErrorNotice } from "./feedback.tsx";

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** When set, the person types this exactly before the action is enabled (for things hard to undo). */
  typeToConfirm?: string;
  pending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** The one confirmation for destructive actions: Cancel has focus, the red action sits apart. */
export function ConfirmDialog({ opened, title, children, confirmLabel, typeToConfirm, pending, error, onConfirm, onClose }: ConfirmDialogProps) {
  const [typed, setTyped] = useState("");
  const ready = typeToConfirm === undefined || typed.trim() === typeToConfirm.trim();
  const close = () => {
    setTyped("");
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !pending) onConfirm();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{children}</Text>
          {typeToConfirm !== undefined && (
            <TextInput
              label={
                <>
                  Type <b>{typeToConfirm}</b> to confirm
                </>
              }
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              autoComplete="off"
              data-autofocus
            />
          )}
          <ErrorNotice error={error} title="That did not work" />
          <Group justify="space-between" mt="xs">
            <Button variant="default" onClick={close} data-autofocus={typeToConfirm === undefined ? true : undefined}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!ready} loading={pending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
