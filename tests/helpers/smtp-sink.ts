import net from "node:net";
import tls from "node:tls";
import type { AddressInfo } from "node:net";

/** A local SMTP sink: speaks enough SMTP for a client to deliver, keeps each message. */
export type SinkMessage = { from: string; to: string[]; data: string; auth: string | null; tls: boolean };

/** With `starttls` the sink offers STARTTLS (RFC 3207) with that key and certificate. */

export async function startSmtpSink(opts: { starttls?: { key: string; cert: string } } = {}): Promise<{ port: number; messages: SinkMessage[]; rejectNext: (n: number) => void; close: () => Promise<void> }> {
  const messages: SinkMessage[] = [];
  let rejects = 0;
  const server = net.createServer((plain) => {
    let socket: net.Socket = plain;
    socket.setEncoding("utf8");
    let buf = "";
    let inData = false;
    let cur: SinkMessage = { from: "", to: [], data: "", auth: null, tls: false };
    const say = (line: string) => socket.write(`${line}\r\n`);
    say("220 sink ESMTP ready");
    const onData = (chunk: string) => {
      buf += chunk;
      for (let i = buf.indexOf("\r\n"); i >= 0; i = buf.indexOf("\r\n")) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            messages.push(cur);
            cur = { from: "", to: [], data: "", auth: cur.auth, tls: cur.tls };
            say("250 2.0.0 queued");
          } else cur.data += (line.startsWith("..") ? line.slice(1) : line) + "\n";
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === "EHLO" || cmd === "HELO") socket.write(`250-sink\r\n${opts.starttls && !cur.tls ? "250-STARTTLS\r\n" : ""}250-AUTH PLAIN\r\n250 8BITMIME\r\n`);
        else if (cmd === "STAR" && opts.starttls && !cur.tls) {
          say("220 2.0.0 ready to start TLS");
          plain.removeAllListeners("data");
          socket = new tls.TLSSocket(plain, { isServer: true, key: opts.starttls.key, cert: opts.starttls.cert });
          socket.setEncoding("utf8");
          socket.on("data", onData);
          socket.on("error", () => {});
          cur.tls = true;
          buf = "";
        }
        else if (cmd === "AUTH") {
          cur.auth = Buffer.from(line.split(" ")[2] ?? "", "base64").toString("utf8");
          say("235 2.7.0 ok");
        } else if (cmd === "MAIL") {
          if (rejects > 0) {
            rejects--;
            say("451 4.3.0 try again later");
          } else {
            cur.from = /<(.*)>/.exec(line)?.[1] ?? "";
            say("250 ok");
          }
        } else if (cmd === "RCPT") {
          cur.to.push(/<(.*)>/.exec(line)?.[1] ?? "");
          say("250 ok");
        } else if (cmd === "DATA") {
          inData = true;
          say("354 go on");
        } else if (cmd === "QUIT") {
          say("221 bye");
          socket.end();
        } else say("502 not implemented");
      }
    };
    socket.on("data", onData);
    socket.on("error", () => {});
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    rejectNext: (n) => (rejects = n),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
