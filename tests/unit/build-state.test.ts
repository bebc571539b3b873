import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIsCurrent, recordBuild } from "../../scripts/build-state";

test("a start after a build with nothing changed does not rebuild; a changed source does", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "podium-build-"));
  try {
    fs.mkdirSync(path.join(root, "app"));
    fs.writeFileSync(path.join(root, "app", "page.tsx"), "export default 1");
    assert.equal(buildIsCurrent(root), false, "never built");
    fs.mkdirSync(path.join(root, ".next"));
    fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
    assert.equal(buildIsCurrent(root), false, "built, but not by us: no hash");
    recordBuild(root);
    assert.equal(buildIsCurrent(root), true);
    fs.writeFileSync(path.join(root, "app", "page.tsx"), "export default 2");
    assert.equal(buildIsCurrent(root), false, "a source changed");
    recordBuild(root);
    fs.writeFileSync(path.join(root, "app", "new.tsx"), "");
    assert.equal(buildIsCurrent(root), false, "a source was added");
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
