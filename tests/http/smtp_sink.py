#!/usr/bin/python3
"""A real SMTP server on loopback for the tests and the benchmark: every
message it accepts is written, as received, to DIR/NNNNNNNN.eml (renamed
into place, so a reader never sees half a file). Prints its port.

usage: smtp_sink.py DIR [PORT]   (PORT 0 or absent: a free one)
"""
import asyncio
import itertools
import os
import socket
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.n = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.n)
        tmp = os.path.join(self.out, ".%08d.tmp" % n)
        with open(tmp, "wb") as f:
            f.write(("X-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.out, "%08d.eml" % n))
        return "250 OK"


def main():
    out = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    if port == 0:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
    os.makedirs(out, exist_ok=True)
    c = Controller(Sink(out), hostname="127.0.0.1", port=port, decode_data=False)
    c.start()
    print(port, flush=True)
    try:
        asyncio.get_event_loop().run_until_complete(asyncio.Event().wait())
    except KeyboardInterrupt:
        pass
    finally:
        c.stop()


if __name__ == "__main__":
    main()
