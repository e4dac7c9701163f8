import { createTheme } from "@mantine/core";

/** One theme for the whole product; light and dark follow the user's choice. */
export const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "md",
  fontFamily: "Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  headings: { fontWeight: "650" },
  focusRing: "auto",
});
