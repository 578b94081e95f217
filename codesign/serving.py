"""Where the site is served: the address phones in the room use, and its links.

``make run`` passes ``SERVE_HOST`` and ``SERVE_PORT``; settings turn them into the
base URL of links, the host names Django answers to and the trusted origins. On
``0.0.0.0`` (every interface) that is the machine's address on the local network.
"""

import ipaddress
import socket
from typing import NamedTuple

# Any private address will do: connecting a UDP socket only picks the route and
# sends no packet, so nothing leaves the machine.
ROUTE_PROBE = ("10.255.255.255", 1)
EVERY_INTERFACE = {"0.0.0.0", "::", ""}


class ServedSite(NamedTuple):
    """The base URL of links, the host names and the origins for one address."""

    site_url: str
    hosts: list[str]
    origins: list[str]


def is_lan_address(address: str) -> bool:
    """A private IPv4 address that is not loopback: reachable from the room."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and ip.is_private and not ip.is_loopback


def interface_addresses() -> list[str]:
    """The IPv4 addresses this machine's own name resolves to (no network traffic)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [info[4][0] for info in infos]


def routed_address() -> str:
    """The local address of the route to a private network, or an empty string."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(ROUTE_PROBE)
        except OSError:
            return ""
        return probe.getsockname()[0]


def lan_address() -> str:
    """This machine's address on the local network; 127.0.0.1 if it has none."""
    for address in [*interface_addresses(), routed_address()]:
        if is_lan_address(address):
            return address
    return "127.0.0.1"


def served_site(host: str, port: str, lan: str | None = None) -> ServedSite:
    """What serving on ``host:port`` means for links, hosts and origins.

    ``lan`` is the machine's LAN address when known (tests give it); otherwise it
    is looked up, and only when serving on every interface.
    """
    public = host
    if host in EVERY_INTERFACE:
        public = lan or lan_address()
    base = f"http://{public}:{port}"
    return ServedSite(site_url=base, hosts=[public], origins=[base])
