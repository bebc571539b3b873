import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbHandle } from "@/db/client";
import { connections, pushTokens, syncRuns } from "@/db/schema";
import { SafeError } from "@/lib/actions/define";
import { AuthError, canManageConnections, requireViewer, type Viewer } from "@/lib/auth/policy";
import { importFile, type ImportResult } from "./apply";
import { IMPORT_STREAMS } from "./columns";
import { decodeUtf8, guessFormat, IMPORT_FORMATS, readRows } from "./read";
import { issueToken, revokeToken } from "./tokens";

/**
 * What the admin import page does, each checking the viewer itself: import connections, file
 * uploads (dry run or import), push tokens. Admins only, like every connection setting.
 */

export const IMPORT_KIND = "import";
/** Uploads above this are refused before reading (the push API takes batches instead). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

function requireAdmin(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (!canManageConnections(v)) throw new AuthError(403);
  return v;
}

async function importConnection(db: Db, connectionId: number) {
  const [c] = await db.select({ id: connections.id, kind: connections.kind }).from(connections).where(eq(connections.id, connectionId));
  if (!c) throw new SafeError("No such connection.", 404);
  if (c.kind !== IMPORT_KIND) throw new SafeError("This connection pulls from its helpdesk; files and pushes go to an import connection.", 400);
  return c;
}

export const CreateImportConnectionSchema = z.object({
  name: z.string().trim().min(1, "Give the connection a name.").max(100, "Keep the name under 100 characters."),
});

export async function createImportConnection(db: Db, viewer: Viewer | null, input: z.infer<typeof CreateImportConnectionSchema>) {
  requireAdmin(viewer);
  const [c] = await db.insert(connections).values({ kind: IMPORT_KIND, name: input.name, settings: {} }).returning({ id: connections.id });
  return { connectionId: c!.id };
}

const connectionId = z.coerce.number({ error: "Choose a connection." }).int().positive("Choose a connection.");

export const FileImportSchema = z.object({
  connectionId,
  stream: z.enum(IMPORT_STREAMS, { error: "Choose whether the file holds tickets or ratings." }),
  format: z.enum(["auto", ...IMPORT_FORMATS], { error: "Choose CSV, JSON or automatic." }).default("auto"),
  /** "preview" checks only; "import" writes when every row is valid. */
  mode: z.enum(["preview", "import"], { error: "Choose preview or import." }),
  file: z
    .instanceof(File, { message: "Choose a file to upload." })
    .refine((f) => f.size > 0, "The file is empty.")
    .refine((f) => f.size <= MAX_UPLOAD_BYTES, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it, or use the push API.`),
});

export type FileImportOutcome = ImportResult & { fileName: string; format: "csv" | "json"; stream: string; dryRun: boolean };

async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

export async function importUploadedFile(handle: DbHandle, viewer: Viewer | null, input: z.infer<typeof FileImportSchema>, now = new Date()): Promise<FileImportOutcome> {
  const v = requireAdmin(viewer);
  await importConnection(handle.db, input.connectionId);
  const format = input.format === "auto" ? guessFormat(input.file.name, await input.file.slice(0, 64).text()) : input.format;
  // The dry run lists each row's problems in the admin's language.
  const open = () => readRows(input.stream, format, decodeUtf8(blobChunks(input.file), v.locale), v.locale);
  // The sync's lock for this connection: an import never interleaves with a push or a sync.
  const r = await handle.withLock(`podium:sync-connection:${input.connectionId}`, () =>
    importFile(handle.db, input.connectionId, input.stream, open, { dryRun: input.mode === "preview", now, locale: v.locale }),
  );
  if (!r.acquired) throw new SafeError("This connection is being written to right now; try again in a minute.", 409);
  return { ...r.result, fileName: input.file.name, format, stream: input.stream, dryRun: input.mode === "preview" };
}

export const CreateTokenSchema = z.object({
  connectionId,
  name: z.string().trim().min(1, "Name the token after the script that uses it.").max(100, "Keep the name under 100 characters."),
});

export async function createPushToken(db: Db, viewer: Viewer | null, input: z.infer<typeof CreateTokenSchema>) {
  const v = requireAdmin(viewer);
  await importConnection(db, input.connectionId);
  return issueToken(db, input.connectionId, input.name, v.userId);
}

export const RevokeTokenSchema = z.object({ tokenId: z.coerce.number({ error: "Choose a token." }).int().positive("Choose a token.") });

export async function revokePushToken(db: Db, viewer: Viewer | null, input: z.infer<typeof RevokeTokenSchema>) {
  requireAdmin(viewer);
  if (!(await revokeToken(db, input.tokenId))) throw new SafeError("No such token, or it was already revoked.", 404);
  return { tokenId: input.tokenId };
}

export type ImportConnectionView = {
  id: number;
  name: string;
  tokens: { id: number; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }[];
  lastImports: { id: number; trigger: string; startedAt: Date; ticketsStored: number; ratingsStored: number }[];
};

/** The import connections with their tokens (never the hash) and latest imports. Admins only. */
export async function listImportConnections(db: Db, viewer: Viewer | null): Promise<ImportConnectionView[]> {
  requireAdmin(viewer);
  const conns = await db.select({ id: connections.id, name: connections.name }).from(connections).where(eq(connections.kind, IMPORT_KIND)).orderBy(asc(connections.id));
  if (conns.length === 0) return [];
  const ids = conns.map((c) => c.id);
  const tokens = await db
    .select({ id: pushTokens.id, connectionId: pushTokens.connectionId, name: pushTokens.name, prefix: pushTokens.prefix, createdAt: pushTokens.createdAt, lastUsedAt: pushTokens.lastUsedAt, revokedAt: pushTokens.revokedAt })
    .from(pushTokens)
    .where(inArray(pushTokens.connectionId, ids))
    .orderBy(desc(pushTokens.createdAt), desc(pushTokens.id));
  const runs = await db
    .select({ id: syncRuns.id, connectionId: syncRuns.connectionId, trigger: syncRuns.trigger, startedAt: syncRuns.startedAt, ticketsStored: syncRuns.ticketsStored, ratingsStored: syncRuns.ratingsStored })
    .from(syncRuns)
    .where(and(inArray(syncRuns.connectionId, ids), inArray(syncRuns.trigger, ["import", "push"])))
    .orderBy(desc(syncRuns.id))
    .limit(200);
  return conns.map((c) => ({
    ...c,
    tokens: tokens.filter((t) => t.connectionId === c.id).map(({ connectionId: _, ...t }) => t),
    lastImports: runs.filter((r) => r.connectionId === c.id).slice(0, 5).map(({ connectionId: _, ...r }) => r),
  }));
}
