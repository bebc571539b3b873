import { canManageConnections } from "@/lib/auth/policy";
import {
  CreateImportConnectionSchema,
  CreateTokenSchema,
  FileImportSchema,
  RevokeTokenSchema,
  createImportConnection,
  createPushToken,
  importUploadedFile,
  revokePushToken,
} from "@/lib/import/admin";
import { defineAction } from "./define";

/** File import and push tokens (admin page /admin/import). The domain functions check the viewer again. */
export const importFileDefinition = defineAction({
  id: "import-file",
  schema: FileImportSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => importUploadedFile(handle, viewer, input),
});

export const importConnectionCreateDefinition = defineAction({
  id: "import-connection-create",
  schema: CreateImportConnectionSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => createImportConnection(handle.db, viewer, input),
});

export const pushTokenCreateDefinition = defineAction({
  id: "push-token-create",
  schema: CreateTokenSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => createPushToken(handle.db, viewer, input),
});

export const pushTokenRevokeDefinition = defineAction({
  id: "push-token-revoke",
  schema: RevokeTokenSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => revokePushToken(handle.db, viewer, input),
});
