"""An SMTP server for tests: every message it receives becomes a file in a folder.

Run with Debian's python3-aiosmtpd:

    PYTHONPATH=tests/support python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink FOLDER

Each message is written as FOLDER/<n>.eml (the data as received, with X-Envelope-From and
X-Envelope-To lines in front), first to a hidden temporary name and then renamed, so a test that
polls the folder never reads half a message.
"""

import itertools
import os


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink takes one argument: the folder to write messages to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        number = next(self.counter)
        envelope_lines = "X-Envelope-From: {}\r\nX-Envelope-To: {}\r\n".format(
            envelope.mail_from, ", ".join(envelope.rcpt_tos))
        temporary = os.path.join(self.folder, ".{}.part".format(number))
        with open(temporary, "wb") as out:
            out.write(envelope_lines.encode("ascii"))
            out.write(envelope.original_content or envelope.content)
        os.rename(temporary, os.path.join(self.folder, "{}.eml".format(number)))
        return "250 Message accepted"
