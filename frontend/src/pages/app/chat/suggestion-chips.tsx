import { Button, Group } from "@mantine/core";
import { IconSparkles } from "@tabler/icons-react";
import { showSuggestionsSchema } from "../../../../../shared/chat/suggestions.ts";

export type PickSuggestion = (text: string, position: number, count: number) => void;

/**
 * The builder's `show_suggestions`: next steps as buttons that send their text as the next message.
 * Renders what the runner validated (the tool's output), never the model's raw input.
 */
export function SuggestionChips({ output, onPick, disabled }: { output: unknown; onPick: PickSuggestion; disabled: boolean }) {
  const parsed = showSuggestionsSchema.safeParse(output);
  if (!parsed.success) return null;
  const { suggestions } = parsed.data;
  return (
    <Group gap={6} wrap="wrap" data-testid="suggestions" aria-label="Suggested next steps" role="group">
      {suggestions.map((text, position) => (
        <Button
          key={text}
          size="compact-sm"
          radius="xl"
          variant="light"
          leftSection={<IconSparkles size={14} />}
          disabled={disabled}
          onClick={() => onPick(text, position, suggestions.length)}
          styles={{ root: { height: "auto", maxWidth: "100%" }, label: { whiteSpace: "normal", textAlign: "left", paddingBlock: 4 } }}
        >
          {text}
        </Button>
      ))}
    </Group>
  );
}
