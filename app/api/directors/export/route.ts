import { z } from "zod";
import { getDb } from "@/db/client";
import { AuthError } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/session";
import { exportCsv } from "@/lib/directors/export";

export const dynamic = "force-dynamic";

/** GET /api/directors/export?table=teams|comparison|trend|engineers|team-trend&quarter=2026-Q3&teamId=… */
export async function GET(req: Request) {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  try {
    const { filename, csv } = await exportCsv(await getDb(), await getViewer(), params);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    if (e instanceof AuthError) return Response.json({ error: e.message }, { status: e.status });
    if (e instanceof z.ZodError) return Response.json({ error: e.issues.map((i) => i.message).join(" ") }, { status: 400 });
    throw e;
  }
}
