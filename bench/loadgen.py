"""A bounded HTTP load generator for 127.0.0.1, used when ``wrk`` is not installed.

``python -m bench.loadgen --url http://127.0.0.1:PORT --paths FILE --connections 32 --seconds 30``
keeps ``connections`` requests in flight, rotating through the paths in FILE
(one per line), and prints one JSON line: requests, duration, latency
percentiles (ms) and errors (non-2xx statuses, socket errors, timeouts).
gunicorn's sync workers close the connection after each response, so every
request opens its own connection, as wrk does against them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from urllib.parse import urlsplit


async def one_request(host: str, port: int, path: str, timeout: float) -> int:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        status = int(head.split(b" ", 2)[1])
        await asyncio.wait_for(reader.read(), timeout)  # the body, up to the server's close
        return status
    finally:
        writer.close()


async def run(url: str, paths: list[str], connections: int, seconds: float, timeout: float) -> dict:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("loadgen only targets the loopback interface")
    latencies: list[float] = []
    errors = {"status": 0, "socket": 0, "timeout": 0}
    counter = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal counter
        while time.perf_counter() < deadline:
            path = paths[counter % len(paths)]
            counter += 1
            started = time.perf_counter()
            try:
                status = await one_request(host, port, path, timeout)
            except TimeoutError:
                errors["timeout"] += 1
                continue
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                errors["socket"] += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            if not 200 <= status < 400:
                errors["status"] += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    duration = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return (
            latencies[min(len(latencies) - 1, max(0, int(p * len(latencies) + 0.5) - 1))]
            if latencies
            else 0.0
        )

    return {
        "tool": "bench.loadgen",
        "requests": len(latencies),
        "duration_s": duration,
        "rps": len(latencies) / duration if duration else 0.0,
        "p50_ms": pct(0.50),
        "p90_ms": pct(0.90),
        "p99_ms": pct(0.99),
        "max_ms": latencies[-1] if latencies else 0.0,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", required=True)
    parser.add_argument("--paths", required=True, help="file with one request path per line")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args(argv)
    with open(args.paths, encoding="utf-8") as fh:
        paths = [line.strip() for line in fh if line.strip()]
    result = asyncio.run(run(args.url, paths, args.connections, args.seconds, args.timeout))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
