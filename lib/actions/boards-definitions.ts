import {
  LocaleInputSchema,
  PrivacyInputSchema,
  WallboardCreateSchema,
  WallboardRevokeSchema,
  createWallboardLink,
  revokeWallboardLink,
  setLocale,
  setTeamPrivacy,
} from "@/lib/boards/settings";
import { NominationInputSchema, createNomination } from "@/lib/nominations/service";
import { defineAction } from "./define";

/** Board settings actions (issue #5). The domain functions check the team too. */

export const setLocaleDefinition = defineAction({
  id: "settings-locale",
  schema: LocaleInputSchema,
  authorize: () => true,
  handler: ({ viewer, handle, input }) => setLocale(handle.db, viewer, input),
});

export const setTeamPrivacyDefinition = defineAction({
  id: "board-privacy",
  schema: PrivacyInputSchema,
  authorize: (v) => v.role === "lead" || v.role === "admin",
  handler: ({ viewer, handle, input }) => setTeamPrivacy(handle.db, viewer, input),
});

export const wallboardCreateDefinition = defineAction({
  id: "wallboard-create",
  schema: WallboardCreateSchema,
  authorize: (v) => v.role === "lead" || v.role === "admin",
  handler: ({ viewer, handle, input }) => createWallboardLink(handle.db, viewer, input),
});

export const wallboardRevokeDefinition = defineAction({
  id: "wallboard-revoke",
  schema: WallboardRevokeSchema,
  authorize: (v) => v.role === "lead" || v.role === "admin",
  handler: ({ viewer, handle, input }) => revokeWallboardLink(handle.db, viewer, input),
});

export const nominationCreateDefinition = defineAction({
  id: "nomination-create",
  schema: NominationInputSchema,
  authorize: (v) => v.role === "lead" || v.role === "admin",
  handler: ({ viewer, handle, input }) => createNomination(handle.db, viewer, input),
});
