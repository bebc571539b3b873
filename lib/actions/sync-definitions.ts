import { canManageConnections } from "@/lib/auth/policy";
import { SyncNowSchema, syncConnectionNow } from "@/lib/connections/sync-now";
import { describeSyncError } from "@/lib/connectors/http/sync-error";
import { defineAction } from "./define";

/** Definitions live apart from the "use server" module, which may export only async functions. */
export const syncNowDefinition = defineAction({
  id: "sync-now",
  schema: SyncNowSchema,
  authorize: canManageConnections,
  // The run's error, if any, in the admin's language (the stored text stays English).
  handler: async ({ viewer, handle, input }) => {
    const r = await syncConnectionNow(handle, viewer, input);
    return { ...r, error: r.error ? describeSyncError(viewer.locale, r.error) : r.error };
  },
});
