"""A real SMTP server for Ladder's tests (Debian's python3-aiosmtpd): saves every message it accepts as
a file in the given folder (its envelope recipient first, then the message), answers 550 for recipients
whose address starts with "bounce", and runs until its standard input closes.

With `implicit CERT KEY` it speaks TLS from the first byte (smtps); with `starttls CERT KEY` it requires
STARTTLS, then a sign-in as "shop" with the password "p@ss w0rd" (PLAIN or LOGIN), before any mail;
with `timeout SECONDS` it drops a client quiet for that long."""
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

folder, port = sys.argv[1], int(sys.argv[2])
counter = threading.Lock()
seen = [0]


class Saving:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("bounce"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with counter:
            seen[0] += 1
            n = seen[0]
        path = os.path.join(folder, "%06d.eml" % n)
        with open(path + ".part", "wb") as f:
            f.write(("X-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            f.write(envelope.original_content)
        os.rename(path + ".part", path)
        return "250 Message accepted"


def signed_in(server, session, envelope, mechanism, auth_data):
    # handled=False: aiosmtpd then answers 535 itself (handled=True would leave the client waiting).
    ok = auth_data.login == b"shop" and auth_data.password == b"p@ss w0rd"
    return AuthResult(success=ok, handled=False)


options = {}
if len(sys.argv) > 3 and sys.argv[3] == "timeout":
    # Drops a client quiet for that many seconds, as busy servers do.
    options = {"timeout": float(sys.argv[4])}
elif len(sys.argv) > 3:
    mode, cert, key = sys.argv[3:6]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    if mode == "implicit":
        options = {"ssl_context": context}
    else:
        options = {"tls_context": context, "require_starttls": True, "authenticator": signed_in,
                   "auth_required": True}
controller = Controller(Saving(), hostname="127.0.0.1", port=port, **options)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
