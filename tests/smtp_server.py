"""A real SMTP server for gradlab's e-mail tests (tests/common/smtp.rs starts and stops it).

It listens on 127.0.0.1:PORT with STARTTLS (or implicit TLS with --mode tls) using the
certificate it is given, requires AUTH with one user and password, and saves every message it
accepts into --dir as msg-NNNN.eml, with msg-NNNN.json beside it (envelope, subject,
Message-ID, size, attachments) and each attachment as msg-NNNN-<k>.bin.

A test makes it fail part-way through the file control.json in --dir: a JSON list of what to
do with the next messages, one entry consumed per message at the end of DATA:
  "accept"             take the message (also what happens when the list is empty)
  "drop"               close the connection without answering
  "451 4.3.0 Later"    answer with this reply and keep nothing (any 4xx or 5xx reply)
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

warnings.filterwarnings("ignore", message="Session.login_data")


def read_control(folder):
    path = os.path.join(folder, "control.json")
    try:
        with open(path, encoding="utf-8") as f:
            actions = json.load(f)
    except FileNotFoundError:
        return "accept"
    if not actions:
        return "accept"
    action = actions.pop(0)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(actions, f)
    os.replace(tmp, path)
    return action


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


class Handler:
    def __init__(self, folder):
        self.folder = folder
        self.count = len([n for n in os.listdir(folder) if n.endswith(".eml")])

    async def handle_DATA(self, server, session, envelope):
        action = read_control(self.folder)
        if action == "drop":
            server.transport.abort()
            return "451 4.3.0 connection dropped"
        if action != "accept":
            return action
        self.count += 1
        stem = os.path.join(self.folder, "msg-%04d" % self.count)
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        attachments = []
        for k, part in enumerate(msg.iter_attachments()):
            path = "%s-%d.bin" % (stem, k)
            write_atomically(path, part.get_payload(decode=True))
            attachments.append({"filename": part.get_filename(), "path": path,
                                "content_type": part.get_content_type()})
        body = msg.get_body(preferencelist=("plain",))
        info = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(msg["Subject"]),
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "message_id": str(msg["Message-ID"]),
            "size": len(raw),
            "text": body.get_content() if body is not None else "",
            "attachments": attachments,
        }
        write_atomically(stem + ".json", json.dumps(info, ensure_ascii=False).encode("utf-8"))
        # The .eml last: a test counts messages by it, and then finds everything in place.
        write_atomically(stem + ".eml", raw)
        return "250 2.0.0 Ok: queued as %s" % os.path.basename(stem)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--mode", choices=["starttls", "tls"], default="starttls")
    a = p.parse_args()

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(a.cert, a.key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == a.user.encode()
              and auth_data.password == a.password.encode())
        # handled=False: aiosmtpd itself answers 235, or 535 on a wrong password.
        return AuthResult(success=ok, handled=False)

    handler = Handler(a.dir)
    implicit = a.mode == "tls"

    def factory():
        return SMTP(
            handler,
            hostname="localhost",
            tls_context=None if implicit else ctx,
            require_starttls=not implicit,
            auth_required=True,
            # With implicit TLS the whole connection is encrypted; aiosmtpd only knows about
            # STARTTLS, so it must not insist on it.
            auth_require_tls=not implicit,
            authenticator=authenticator,
            data_size_limit=64 * 1024 * 1024,
        )

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(factory, host="127.0.0.1", port=a.port, ssl=ctx if implicit else None))
    print("listening on 127.0.0.1:%d (%s)" % (a.port, a.mode), file=sys.stderr, flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()
