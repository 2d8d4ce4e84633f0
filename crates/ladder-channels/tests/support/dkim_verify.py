"""Verifies the DKIM signature of each message file given against the public key of the test's private
key (an Ed25519 seed in base64, or an RSA PEM file), as a receiving server would with the DNS record.
Prints one line per file: "pass" or "fail"."""
import base64
import subprocess
import sys

import dkim

key_file, files = sys.argv[1], sys.argv[2:]
text = open(key_file).read().strip()
if text.startswith("-----BEGIN"):
    der = subprocess.run(["openssl", "rsa", "-in", key_file, "-pubout", "-outform", "DER"],
                         capture_output=True, check=True).stdout
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(der)
else:
    import nacl.signing
    public = nacl.signing.SigningKey(base64.b64decode(text)).verify_key.encode()
    record = b"v=DKIM1; k=ed25519; p=" + base64.b64encode(public)

for path in files:
    message = open(path, "rb").read()
    # The envelope line the test server wrote is not part of the message.
    message = message.split(b"\r\n", 1)[1]
    ok = dkim.verify(message, dnsfunc=lambda name, timeout=5: record)
    print("pass" if ok else "fail")
