"""Exit 0 when a Kafka broker answers a Metadata request listing at least one broker.

Stdlib only, so `kafka.sh up` can wait for readiness before any virtualenv exists.
An open port is not enough: a KRaft node accepts connections before its metadata
is loaded, and clients that connect then get errors.
"""

import socket
import struct
import sys

API_METADATA = 3
METADATA_VERSION = 4  # the oldest version Kafka 4.x still accepts (KIP-896)


def metadata_request(correlation_id: int) -> bytes:
    client_id = b"tocsin-ready"
    header = struct.pack(">hhih", API_METADATA, METADATA_VERSION, correlation_id, len(client_id)) + client_id
    body = struct.pack(">ib", -1, 0)  # all topics, no auto-creation
    payload = header + body
    return struct.pack(">i", len(payload)) + payload


def read_exact(sock: socket.socket, size: int) -> bytes:
    chunks = b""
    while len(chunks) < size:
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            raise ConnectionError("connection closed by broker")
        chunks += chunk
    return chunks


def broker_count(host: str, port: int, timeout: float) -> int:
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(metadata_request(1))
        (size,) = struct.unpack(">i", read_exact(sock, 4))
        response = read_exact(sock, size)
    _correlation_id, _throttle_ms, brokers = struct.unpack(">iii", response[:12])
    return brokers


def main() -> int:
    host, port = sys.argv[1], int(sys.argv[2])
    try:
        return 0 if broker_count(host, port, timeout=2.0) > 0 else 1
    except (OSError, struct.error):
        return 1


if __name__ == "__main__":
    sys.exit(main())
