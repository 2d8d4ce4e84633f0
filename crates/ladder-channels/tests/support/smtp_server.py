"""A real SMTP server for Ladder's tests (Debian's python3-aiosmtpd): saves every message it accepts as
a file in the given folder (its envelope recipient first, then the message), answers 550 for recipients
whose address starts with "bounce", and runs until its standard input closes."""
import os
import sys
import threading

from aiosmtpd.controller import Controller

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


controller = Controller(Saving(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
