"""moto in server mode, one request at a time.

moto's backends take no locks, so under moto_server's threaded werkzeug two concurrent conditional writes to DynamoDB
can both pass their condition (seen here: 2 of 8 racers claiming one notification). AWS evaluates a condition
atomically; serializing the requests gives the emulator the same semantics. Connections are still accepted
concurrently; their requests queue on the lock.

It also fills one gap of moto 5.2.1 (patch_awsvpc_run_task below): ECS RunTask with awsvpc networking (every Fargate
task, the job queue's) fails with a 500 because moto's ECS reads an EC2 network interface attribute its EC2 model lacks.

Usage: python moto-serialized.py -H 127.0.0.1 -p 4566
"""
import argparse
import os
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple


def patch_awsvpc_run_task() -> None:
    """moto 5.2.1's ECS Task reads NetworkInterface.private_dns_name (for the task's ENI attachment details), which its
    EC2 NetworkInterface does not define: RunTask answers 500 (AttributeError). Give it AWS's own form of the name."""
    from moto.ec2.models.elastic_network_interfaces import NetworkInterface

    if not hasattr(NetworkInterface, "private_dns_name"):
        NetworkInterface.private_dns_name = property(
            lambda self: "ip-" + str(self.private_ip_address).replace(".", "-") + ".ec2.internal")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    patch_awsvpc_run_task()
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
