import { test } from "node:test";
import assert from "node:assert/strict";
import { decryptJson, encryptJson, generateKey, parseKey } from "@/lib/crypto/secrets";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/auth/password";

test("credentials round-trip through AES-256-GCM and the ciphertext hides them", () => {
  const key = parseKey(generateKey());
  const secret = { apiToken: "zd-token-123", email: "ops@example.com" };
  const envelope = encryptJson(secret, key);
  assert.ok(!envelope.includes("zd-token-123"));
  assert.deepEqual(decryptJson(envelope, key), secret);
  // A fresh IV each time: the same secret never gives the same envelope.
  assert.notEqual(encryptJson(secret, key), envelope);
});

test("a tampered envelope or another key is refused with a clear message", () => {
  const key = parseKey(generateKey());
  const envelope = encryptJson({ a: 1 }, key);
  const parts = envelope.split(".");
  const body = Buffer.from(parts[3]!, "base64url");
  body[0] = body[0]! ^ 1;
  const tampered = [parts[0], parts[1], parts[2], body.toString("base64url")].join(".");
  assert.throws(() => decryptJson(tampered, key), /cannot be decrypted/);
  assert.throws(() => decryptJson(envelope, parseKey(generateKey())), /cannot be decrypted/);
});

test("keys must be 32 bytes, hex or base64", () => {
  assert.equal(parseKey("ab".repeat(32)).length, 32);
  assert.throws(() => parseKey("too-short"), /32 bytes/);
});

test("passwords are hashed with scrypt and verified", async () => {
  const hash = await hashPassword("correct horse battery");
  assert.match(hash, /^scrypt\$/);
  assert.equal(await verifyPassword("correct horse battery", hash), true);
  assert.equal(await verifyPassword("correct horse batterY", hash), false);
  assert.equal(await verifyPassword("anything", "garbage"), false);
});

test("generated one-time passwords are long and differ", () => {
  const a = generatePassword();
  assert.match(a, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  assert.notEqual(a, generatePassword());
});
