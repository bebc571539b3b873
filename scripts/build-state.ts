import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Whether the Next build in `.next/` was made from the sources as they are now. The hash of the
 * inputs is written beside the build, so a second `npm start` with nothing changed skips it.
 */
const INPUTS = ["app", "lib", "db", "public", "next.config.ts", "tsconfig.json", "package.json", "package-lock.json"];

function walk(p: string, out: string[]) {
  if (!fs.existsSync(p)) return;
  if (fs.statSync(p).isFile()) return void out.push(p);
  for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name), out);
}

export function sourceHash(root: string): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  const h = createHash("sha256");
  for (const f of files) {
    h.update(path.relative(root, f));
    h.update("\0");
    h.update(fs.readFileSync(f));
  }
  return h.digest("hex");
}

const hashFile = (root: string) => path.join(root, ".next", "podium-source-hash");

export function buildIsCurrent(root: string): boolean {
  const file = hashFile(root);
  return (
    fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(file) && fs.readFileSync(file, "utf8") === sourceHash(root)
  );
}

/** Called after a successful build (hashed then: `next build` may touch tsconfig.json). */
export function recordBuild(root: string): void {
  fs.writeFileSync(hashFile(root), sourceHash(root));
}
