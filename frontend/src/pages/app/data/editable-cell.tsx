import { Loader, NumberInput, Switch, Text, TextInput, Textarea, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import { display, type FieldType } from "./field-types.ts";

interface EditableCellProps {
  value: unknown;
  type: FieldType;
  /** For labels: "status of lead 3f9a…". */
  label: string;
  canEdit: boolean;
  onSave: (value: unknown) => Promise<unknown>;
}

function parseDraft(type: FieldType, draft: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (type === "string") return { ok: true, value: draft };
  if (type === "number") {
    if (draft.trim() === "") return { ok: true, value: null };
    const n = Number(draft);
    return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: "Enter a number." };
  }
  try {
    return { ok: true, value: draft.trim() === "" ? null : JSON.parse(draft) };
  } catch {
    return { ok: false, message: "That is not valid JSON." };
  }
}

/** A grid cell that edits in place with the control its type calls for; Enter saves, Escape cancels. */
export function EditableCell({ value, type, label, canEdit, onSave }: EditableCellProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (next: unknown) => {
    setSaving(true);
    setError(null);
    try {
      await onSave(next);
      setDraft(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  const commit = () => {
    if (draft === null || saving) return;
    const parsed = parseDraft(type, draft);
    if (!parsed.ok) return setError(parsed.message);
    if (display(parsed.value) === display(value)) return setDraft(null);
    void save(parsed.value);
  };
  const cancel = () => {
    setDraft(null);
    setError(null);
  };
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === "Escape") cancel();
    if (e.key === "Enter" && (type !== "json" || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit();
    }
  };

  if (type === "boolean") {
    return (
      <Switch
        size="xs"
        checked={value === true}
        disabled={!canEdit || saving}
        aria-label={`Edit ${label}`}
        error={error ?? undefined}
        onChange={(e) => void save(e.currentTarget.checked)}
      />
    );
  }
  if (draft === null) {
    const text = display(value);
    return canEdit ? (
      <UnstyledButton aria-label={`Edit ${label}`} onClick={() => setDraft(type === "json" ? JSON.stringify(value ?? null, null, 2) : text)} w="100%" style={{ minHeight: 22 }}>
        <Text size="sm" truncate ff={type === "json" ? "monospace" : undefined} c={text ? undefined : "dimmed"}>
          {text || "—"}
        </Text>
      </UnstyledButton>
    ) : (
      <Text size="sm" truncate>
        {text}
      </Text>
    );
  }
  const common = {
    size: "xs" as const,
    "aria-label": `Edit ${label}`,
    error: error ?? undefined,
    disabled: saving,
    autoFocus: true,
    onKeyDown: keys,
    onBlur: commit,
    rightSection: saving ? <Loader size={12} /> : undefined,
  };
  if (type === "number") return <NumberInput {...common} value={draft} onChange={(v) => setDraft(String(v))} hideControls />;
  if (type === "json") return <Textarea {...common} ff="monospace" autosize minRows={2} maxRows={8} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />;
  return <TextInput {...common} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />;
}
