import { getDbHandle } from "@/db/client";

export const dynamic = "force-dynamic";

/** Liveness for load balancers: says whether the database answers, nothing more. */
export async function GET() {
  try {
    const handle = await getDbHandle();
    await handle.query("select 1");
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
