import { ChannelIdSchema, ChannelInputSchema } from "@/lib/digest/schemas";
import { saveChannel, sendTestDigest } from "@/lib/digest/service";
import { defineAction } from "./define";

/** Digest actions: leads (their team, checked in the service) and admins. */

const leadOrAdmin = (v: { role: string }) => v.role === "lead" || v.role === "admin";

export const digestSaveChannelDefinition = defineAction({
  id: "digest-save-channel",
  schema: ChannelInputSchema,
  authorize: leadOrAdmin,
  handler: ({ viewer, handle, input }) => saveChannel(handle.db, viewer, input),
});

export const digestSendTestDefinition = defineAction({
  id: "digest-send-test",
  schema: ChannelIdSchema,
  authorize: leadOrAdmin,
  handler: ({ viewer, handle, input }) => sendTestDigest(handle.db, viewer, input.channelId),
});
