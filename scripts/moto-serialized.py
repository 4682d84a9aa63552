"""moto in server mode, one request at a time.

moto's backends take no locks, so under moto_server's threaded werkzeug two concurrent conditional writes to DynamoDB
can both pass their condition (seen here: 2 of 8 racers claiming one notification). AWS evaluates a condition
atomically; serializing the requests gives the emulator the same semantics. Connections are still accepted
concurrently; their requests queue on the lock.

Usage: python moto-serialized.py -H 127.0.0.1 -p 4566
"""
import argparse
import os
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    app = DomainDispatcherApplication(create_backend_app)
    lock = threading.Lock()

    def serialized(environ, start_response):
        with lock:
            # the whole response is produced inside the lock
            return list(app(environ, start_response))

    run_simple(args.host, args.port, serialized, threaded=True)


if __name__ == "__main__":
    main()
