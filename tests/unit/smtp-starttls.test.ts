import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sendMail } from "@/lib/digest/smtp";
import { startSmtpSink } from "../helpers/smtp-sink";

/** The digest's SMTP client against a local sink that offers STARTTLS (port 587 servers). */

function selfSignedCert(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "podium-smtp-"));
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=DNS:localhost", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    return { key: fs.readFileSync(path.join(dir, "key.pem"), "utf8"), cert: fs.readFileSync(path.join(dir, "cert.pem"), "utf8") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const mail = { from: "podium@example.com", to: ["team@example.com"], subject: "Дайджест", text: "12 days left" };

test("a server that offers STARTTLS gets the password and the message only inside TLS", async () => {
  const pair = selfSignedCert();
  const sink = await startSmtpSink({ starttls: pair });
  try {
    await sendMail({ host: "localhost", port: sink.port, user: "bot", password: "s3cret", ca: pair.cert, ...mail });
    assert.equal(sink.messages.length, 1);
    const [m] = sink.messages;
    assert.equal(m!.tls, true, "the message arrived after STARTTLS");
    assert.equal(m!.auth, "\0bot\0s3cret");
    assert.deepEqual(m!.to, ["team@example.com"]);
    assert.match(m!.data, /12 days left/);
  } finally {
    await sink.close();
  }
});

test("a STARTTLS certificate that is not trusted stops the delivery before anything is sent", async () => {
  const sink = await startSmtpSink({ starttls: selfSignedCert() });
  try {
    await assert.rejects(sendMail({ host: "localhost", port: sink.port, user: "bot", password: "s3cret", ...mail }), /certificate/i);
    assert.equal(sink.messages.length, 0);
  } finally {
    await sink.close();
  }
});
