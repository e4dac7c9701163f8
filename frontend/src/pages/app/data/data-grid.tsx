import { ActionIcon, Box, Code, Group, Menu, Table, Text, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconBraces, IconDots, IconTrash } from "@tabler/icons-react";
import { type ColumnDef, type SortingState, flexRender, getCoreRowModel, getSortedRowModel, useReactTable } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import type { ClientDoc } from "../../../../../shared/api/app-data.ts";
import { EditableCell } from "./editable-cell.tsx";
import { columnsOf, display } from "./field-types.ts";
import classes from "./data-grid.module.css";

interface DataGridProps {
  docs: ClientDoc[];
  canEdit: boolean;
  showUpdated: boolean;
  onSaveField: (docId: string, field: string, value: unknown) => Promise<unknown>;
  onEditJson: (doc: ClientDoc) => void;
  onDelete: (doc: ClientDoc) => void;
}

const shortId = (id: string) => `…${id.slice(-6)}`;

/**
 * The documents as a grid: resizable, sortable columns typed from the data, cells edited in place,
 * and row actions in a column pinned to the right edge so they stay reachable however wide it gets.
 * Rows are keyed and acted on by document id, never by position, so a re-sort cannot misdirect a delete.
 */
export function DataGrid({ docs, canEdit, showUpdated, onSaveField, onEditJson, onDelete }: DataGridProps) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "_updatedAt", desc: true }]);
  const fields = useMemo(() => columnsOf(docs), [docs]);
  const columns = useMemo<ColumnDef<ClientDoc>[]>(
    () => [
      ...fields.map(
        ({ field, type }): ColumnDef<ClientDoc> => ({
          id: field,
          accessorFn: (doc) => (typeof doc[field] === "object" ? display(doc[field]) : doc[field]),
          header: field,
          size: type === "boolean" ? 80 : type === "number" ? 100 : 160,
          minSize: 60,
          sortUndefined: "last",
          sortDescFirst: false,
          cell: ({ row }) => (
            <EditableCell
              value={row.original[field]}
              type={type}
              label={`${field} of ${shortId(row.original._id)}`}
              canEdit={canEdit}
              onSave={(value) => onSaveField(row.original._id, field, value)}
            />
          ),
        }),
      ),
      {
        id: "_updatedAt",
        accessorFn: (doc) => doc._updatedAt,
        header: "updated",
        size: 130,
        cell: ({ getValue }) => (
          <Text size="xs" c="dimmed" truncate>
            {new Date(String(getValue())).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })}
          </Text>
        ),
      },
      {
        id: "_actions",
        header: "",
        size: 48,
        enableSorting: false,
        enableResizing: false,
        cell: ({ row }) => (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${row.original._id}`}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>
                <Code>{row.original._id}</Code>
              </Menu.Label>
              <Menu.Item leftSection={<IconBraces size={14} />} onClick={() => onEditJson(row.original)} disabled={!canEdit}>
                Edit as JSON
              </Menu.Item>
              <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={() => onDelete(row.original)} disabled={!canEdit}>
                Delete…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        ),
      },
    ],
    [fields, canEdit, onSaveField, onEditJson, onDelete],
  );
  const table = useReactTable({
    data: docs,
    columns,
    // "updated" sorts the rows (newest first) but only shows when someone asks for it.
    state: { sorting, columnVisibility: { _updatedAt: showUpdated } },
    onSortingChange: setSorting,
    getRowId: (doc) => doc._id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    columnResizeMode: "onChange",
  });

  return (
    <Box className={classes.scroller}>
      <Table verticalSpacing={4} highlightOnHover style={{ width: table.getTotalSize(), tableLayout: "fixed", minWidth: "100%" }} data-testid="data-grid">
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const pinned = header.column.id === "_actions";
                return (
                  <Table.Th key={header.id} style={{ width: header.getSize() }} className={pinned ? classes.pinned : classes.th}>
                    {header.column.getCanSort() ? (
                      <UnstyledButton onClick={header.column.getToggleSortingHandler()} aria-label={`Sort by ${String(header.column.columnDef.header)}`}>
                        <Group gap={4} wrap="nowrap">
                          <Text size="xs" fw={600} truncate>
                            {flexRender(header.column.columnDef.header, header.getContext())}
                          </Text>
                          {sorted === "asc" ? <IconArrowUp size={12} /> : sorted === "desc" ? <IconArrowDown size={12} /> : <IconArrowsSort size={12} opacity={0.4} />}
                        </Group>
                      </UnstyledButton>
                    ) : null}
                    {header.column.getCanResize() && (
                      // biome-ignore lint/a11y/noStaticElementInteractions: a pointer-only resize grip; widths also have sensible defaults
                      <div
                        onMouseDown={header.getResizeHandler()}
                        onTouchStart={header.getResizeHandler()}
                        className={classes.resizer}
                        data-resizing={header.column.getIsResizing() || undefined}
                      />
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id} data-doc-id={row.id}>
              {row.getVisibleCells().map((cell) => (
                <Table.Td
                  key={cell.id}
                  style={{ width: cell.column.getSize(), maxWidth: cell.column.getSize() }}
                  className={cell.column.id === "_actions" ? classes.pinned : undefined}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
