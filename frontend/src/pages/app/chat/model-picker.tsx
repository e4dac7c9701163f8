import { Select } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../../../api/client.ts";
import { builderModelSchema, builderModelsBodySchema, type BuilderModel } from "../../../../../shared/api/models.ts";

const OFFLINE = "offline";

export const useBuilderModels = () =>
  useQuery({ queryKey: ["builder-models"], queryFn: async () => builderModelsBodySchema.parse(await ok(api["builder-models"].$get())), staleTime: 5 * 60_000 });

/** The builder model picker: the current models, or the offline demo model when no key is set. */
export function ModelPicker({ value, onChange }: { value: BuilderModel; onChange(model: BuilderModel): void }) {
  const models = useBuilderModels();
  if (models.data?.offline) {
    return <Select size="xs" aria-label="Model" data={[{ value: OFFLINE, label: "Demo model (offline)" }]} value={OFFLINE} disabled w={190} />;
  }
  const data = (models.data?.models ?? []).map((m) => ({ value: m.id, label: m.label }));
  return (
    <Select
      size="xs"
      aria-label="Model"
      data={data}
      value={data.some((d) => d.value === value) ? value : (models.data?.default ?? null)}
      onChange={(v) => {
        const model = builderModelSchema.safeParse(v);
        if (model.success) onChange(model.data);
      }}
      allowDeselect={false}
      placeholder="Model"
      w={190}
    />
  );
}
