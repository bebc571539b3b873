import { canManageConnections } from "@/lib/auth/policy";
import { SyncNowSchema, syncConnectionNow } from "@/lib/connections/sync-now";
import { defineAction } from "./define";

/** Definitions live apart from the "use server" module, which may export only async functions. */
export const syncNowDefinition = defineAction({
  id: "sync-now",
  schema: SyncNowSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => syncConnectionNow(handle, viewer, input),
});
