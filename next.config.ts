import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files from its own package folder, and both database
  // drivers keep process-wide state: load them from node_modules instead of bundling them.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "node-cron"],
  poweredByHeader: false,
  // The build must never reach a database: every page reads per-request data.
  typedRoutes: false,
  // forbidden() from next/navigation: pages answer 403 with app/(app)/forbidden.tsx when a query
  // throws AuthError(403).
  // serverActions.bodySizeLimit: file uploads on /admin/import go through a server action
  // (lib/import/admin.ts refuses files above MAX_UPLOAD_BYTES itself).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "100mb" } },
};

export default nextConfig;
