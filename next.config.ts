import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files from its own package folder, and both database
  // drivers keep process-wide state: load them from node_modules instead of bundling them.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "node-cron"],
  poweredByHeader: false,
  // Gzip in Node costs every page view ~5 ms of CPU on this app's pages. Podium speaks plain HTTP,
  // so a real deployment has a TLS proxy in front, which compresses; PODIUM_COMPRESS=1 turns it on
  // here for a server that faces browsers directly (lib/env.ts documents the variable).
  compress: ["1", "true", "yes", "on"].includes(process.env.PODIUM_COMPRESS ?? ""),
  // The build must never reach a database: every page reads per-request data.
  typedRoutes: false,
  // forbidden() from next/navigation: pages answer 403 with app/(app)/forbidden.tsx when a query
  // throws AuthError(403).
  // serverActions.bodySizeLimit: file uploads on /admin/import go through a server action
  // (lib/import/admin.ts refuses files above MAX_UPLOAD_BYTES itself).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "100mb" } },
};

export default nextConfig;
