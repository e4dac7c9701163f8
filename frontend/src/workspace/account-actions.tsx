import { Menu } from "@mantine/core";
import { IconChartBar, IconLogout } from "@tabler/icons-react";
import { useState } from "react";
import { UsageDataModal } from "./usage-data-modal.tsx";
import { useSignOut } from "./use-sign-out.ts";

/**
 * The account actions every account menu ends with: Usage data and Sign out. The dialog is returned
 * apart from the items because a menu's dropdown unmounts when it closes; render it outside the menu.
 */
export function useAccountActions() {
  const signOut = useSignOut();
  const [usageOpen, setUsageOpen] = useState(false);
  return {
    dialog: <UsageDataModal opened={usageOpen} onClose={() => setUsageOpen(false)} />,
    items: (
      <>
        <Menu.Item leftSection={<IconChartBar size={14} />} onClick={() => setUsageOpen(true)}>
          Usage data
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => void signOut()}>
          Sign out
        </Menu.Item>
      </>
    ),
  };
}
