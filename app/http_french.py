"""uvicorn's own 400 answers in French: a request the HTTP parser refuses (a broken request line, a malformed
header, a head larger than VEILLE_MAX_HEADER_BYTES) never reaches the app, and uvicorn answers it with an
English sentence. Only the sentence changes; status, headers and closing the connection stay uvicorn's."""

from __future__ import annotations

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

MESSAGES = {
    "Invalid HTTP request received.": "Requête HTTP invalide : en-têtes mal formés ou trop longs.",
    "Unsupported upgrade request.": "Demande de changement de protocole non prise en charge.",
}
DEFAULT = "Requête HTTP invalide."


def french(msg: str) -> bytes:
    return MESSAGES.get(msg, DEFAULT).encode("utf-8")


class FrenchH11Protocol(H11Protocol):
    def send_400_response(self, msg: str) -> None:
        event = h11.Response(
            status_code=400,
            headers=[(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")],
            reason=b"Bad Request",
        )
        self.transport.write(self.conn.send(event) or b"")
        self.transport.write(self.conn.send(h11.Data(data=french(msg))) or b"")
        self.transport.write(self.conn.send(h11.EndOfMessage()) or b"")
        self.transport.close()


class FrenchHttpToolsProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        body = french(msg)
        content = [STATUS_LINE[400]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend(
            [
                b"content-type: text/plain; charset=utf-8\r\n",
                b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                b"connection: close\r\n",
                b"\r\n",
                body,
            ]
        )
        self.transport.write(b"".join(content))
        self.transport.close()
