import type { Metadata } from "next";
import { getViewer } from "@/lib/auth/session";
import { t, type MessageKey } from "@/lib/i18n";

/** A page's `generateMetadata`: its title (the browser tab's) in the viewer's language. */
export const titled =
  (key: Extract<MessageKey, `title.${string}`>) =>
  async (): Promise<Metadata> => ({ title: t((await getViewer())?.locale ?? "en", key) });
