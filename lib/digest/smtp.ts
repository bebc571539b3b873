import net from "node:net";
import tls from "node:tls";

/**
 * A minimal SMTP client (RFC 5321) for the email digest: EHLO, STARTTLS when the server offers it
 * (RFC 3207, port 587), optional AUTH PLAIN, one message, QUIT. Implicit TLS with `secure` (port
 * 465). Every reply is checked; any unexpected code rejects with it. Certificates are verified.
 */

export type SmtpOptions = {
  host: string;
  port: number;
  secure?: boolean;
  user?: string;
  password?: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  timeoutMs?: number;
  /** Extra trusted CA certificates (PEM), e.g. a company's own mail server CA. */
  ca?: string;
};

export async function sendMail(o: SmtpOptions): Promise<void> {
  const tlsOptions = { servername: o.host, ca: o.ca ? [...tls.rootCertificates, o.ca] : undefined };
  let socket: net.Socket = o.secure ? tls.connect({ host: o.host, port: o.port, ...tlsOptions }) : net.connect({ host: o.host, port: o.port });
  let buffer = "";
  const waiting: ((reply: { code: number; text: string } | Error) => void)[] = [];
  const pending: { code: number; text: string }[] = [];
  const fail = (e: Error) => {
    for (const w of waiting.splice(0)) w(e);
  };
  const onData = (chunk: string) => {
    buffer += chunk;
    // A reply ends at a line "NNN text" (a dash after the code means more lines follow).
    let m: RegExpExecArray | null;
    while ((m = /^(?:\d{3}-[^\n]*\n)*(\d{3})(?: [^\n]*)?\r?\n/.exec(buffer))) {
      const reply = { code: Number(m[1]), text: m[0].trim() };
      buffer = buffer.slice(m[0].length);
      const w = waiting.shift();
      if (w) w(reply);
      else pending.push(reply);
    }
  };
  const listen = (s: net.Socket) => {
    s.setEncoding("utf8");
    s.setTimeout(o.timeoutMs ?? 15_000);
    s.on("data", onData);
    s.on("timeout", () => {
      fail(new Error("SMTP server did not answer in time."));
      s.destroy();
    });
    s.on("error", (e) => fail(e));
    s.on("close", () => fail(new Error("SMTP connection closed.")));
  };
  listen(socket);
  const next = () =>
    new Promise<{ code: number; text: string }>((resolve, reject) => {
      const early = pending.shift();
      if (early) return resolve(early);
      waiting.push((r) => (r instanceof Error ? reject(r) : resolve(r)));
    });
  const expect = async (codes: number[], command?: string) => {
    if (command !== undefined) socket.write(`${command}\r\n`);
    const r = await next();
    if (!codes.includes(r.code)) throw new Error(`SMTP ${command?.split(" ")[0] ?? "greeting"}: ${r.text}`);
    return r;
  };
  try {
    await expect([220]);
    const ehlo = await expect([250], "EHLO podium");
    if (!o.secure && /^250[ -]STARTTLS\b/im.test(ehlo.text)) {
      await expect([220], "STARTTLS");
      // The plain socket now carries TLS: stop reading it directly and speak through the TLS layer.
      const plain = socket;
      plain.removeAllListeners("data").removeAllListeners("timeout").removeAllListeners("close").removeAllListeners("error");
      plain.setTimeout(0);
      socket = tls.connect({ socket: plain, ...tlsOptions });
      listen(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once("secureConnect", resolve);
        socket.once("error", reject);
      });
      await expect([250], "EHLO podium");
    }
    if (o.user) await expect([235], `AUTH PLAIN ${Buffer.from(`\0${o.user}\0${o.password ?? ""}`).toString("base64")}`);
    await expect([250], `MAIL FROM:<${o.from}>`);
    for (const to of o.to) await expect([250, 251], `RCPT TO:<${to}>`);
    await expect([354], "DATA");
    await expect([250], `${formatMessage(o)}\r\n.`);
    await expect([221], "QUIT").catch(() => {});
  } finally {
    socket.destroy();
  }
}

/** Headers and a UTF-8 body; lines starting with a dot are doubled (RFC 5321 §4.5.2). */
export function formatMessage(o: Pick<SmtpOptions, "from" | "to" | "subject" | "text">): string {
  const subject = /^[\x20-\x7e]*$/.test(o.subject) ? o.subject : `=?UTF-8?B?${Buffer.from(o.subject).toString("base64")}?=`;
  const headers = [
    `From: ${o.from}`,
    `To: ${o.to.join(", ")}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
  ];
  const body = o.text.replace(/\r?\n/g, "\r\n").replace(/^\./gm, "..");
  return `${headers.join("\r\n")}\r\n\r\n${body}`;
}
