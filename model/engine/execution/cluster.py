"""Connecting to a Dask scheduler and reporting a cluster's failures in one line.

``dask.distributed`` waits 30 s before giving up on an address where nothing listens, and
forever on one served by another program: it sends its handshake and waits for the answer
without a time limit. A user who mistyped a port learns nothing for that long. So before a
``Client`` is made, :func:`connect_scheduler` checks the address in bounded time:

1. :func:`check_scheduler_address`: the address is ``SCHEME://HOST:PORT`` with a scheme Dask
   knows (a bare ``HOST:PORT`` means ``tcp``); anything else is bad input, refused at once;
2. a plain TCP connection, with a time limit (:data:`CONNECT_TIMEOUT_S`): an unknown host, a
   refused connection or no answer each get their own message, with what to check;
3. for ``tcp``, Dask's handshake and an ``identity`` request, within the same time limit: a
   program that does not answer like a Dask scheduler (or a Dask worker's address) is named as
   such.

:func:`cluster_failure` turns what a cluster raises while a run is under way (a lost scheduler,
workers that keep dying) into one :class:`~model.errors.EngineError` line with the address.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from typing import Any

from model.errors import EngineError

__all__ = [
    "CONNECT_TIMEOUT_S",
    "SchedulerAddressError",
    "check_scheduler_address",
    "cluster_failure",
    "connect_scheduler",
]

#: Seconds to wait for a scheduler to accept a connection and to answer Dask's handshake.
CONNECT_TIMEOUT_S = 5.0
#: Schemes of ``distributed``'s communication backends that reach another machine.
SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
_EXAMPLE = "tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786"


class SchedulerAddressError(EngineError):
    """A scheduler address that is not of the form ``SCHEME://HOST:PORT``."""


def _bad(address: str, why: str = "") -> SchedulerAddressError:
    return SchedulerAddressError(f"invalid scheduler address {address!r}: {why}expected {_EXAMPLE}")


def _split_host_port(address: str, rest: str) -> tuple[str, int]:
    if rest.startswith("["):  # [IPv6]:port
        host, sep, tail = rest[1:].partition("]")
        if not sep or not tail.startswith(":"):
            raise _bad(address)
        port_text = tail[1:]
    else:
        host, sep, port_text = rest.rpartition(":")
        if not sep:
            raise SchedulerAddressError(
                f"invalid scheduler address {address!r}: no port; expected {_EXAMPLE} "
                "(a Dask scheduler listens on 8786 by default)"
            )
    if not host or any(c.isspace() or c in "/?#@" for c in host):
        raise _bad(address)
    if ":" in host and not rest.startswith("["):
        raise _bad(address, "an IPv6 host goes in brackets (tcp://[::1]:8786); ")
    if ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise _bad(address) from None
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise SchedulerAddressError(
            f"invalid scheduler address {address!r}: the port must be a number from 1 to 65535"
        )
    return host, int(port_text)


def check_scheduler_address(address: Any) -> str:
    """A scheduler address as ``scheme://host:port``, or :class:`SchedulerAddressError`.

    Parameters
    ----------
    address : str
        ``tcp://10.0.0.5:8786``, ``10.0.0.5:8786`` (tcp), ``tls://host:8786``,
        ``tcp://[::1]:8786``; ``inproc://...`` (a cluster in this process) is taken as given.

    Returns
    -------
    str
        The address with its scheme.
    """
    if not isinstance(address, str) or not address.strip():
        raise SchedulerAddressError(f"the scheduler address must be text like {_EXAMPLE}")
    text = address.strip()
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = "tcp", text
    scheme = scheme.lower()
    if scheme == "inproc" and rest:  # a cluster in this very process (tests, notebooks)
        return text
    if scheme not in SCHEMES:
        known = ", ".join(SCHEMES)
        raise SchedulerAddressError(
            f"invalid scheduler address {address!r}: unknown scheme {scheme!r} "
            f"(known: {known}); expected {_EXAMPLE}"
        )
    host, port = _split_host_port(address, rest)
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown}:{port}"


def _host_port(address: str) -> tuple[str, int]:
    rest = address.partition("://")[2]
    host, port = _split_host_port(address, rest)
    return host, port


def _check_reachable(address: str, timeout: float) -> None:
    """A TCP connection to the address, or an error saying what to check."""
    host, port = _host_port(address)
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except socket.gaierror as exc:
        raise EngineError(
            f"cannot reach the Dask scheduler at {address}: unknown host {host!r} "
            f"({exc.strerror}); check the host name"
        ) from None
    except ConnectionRefusedError:
        raise EngineError(
            f"no Dask scheduler at {address}: nothing listens on port {port} of {host} "
            "(connection refused); check that the scheduler is running there "
            "('dask scheduler --port PORT') and the address and port"
        ) from None
    except TimeoutError:
        raise EngineError(
            f"no answer from {address} within {timeout:g} s; check the host, the port and "
            "any firewall between this machine and the scheduler"
        ) from None
    except OSError as exc:
        raise EngineError(
            f"cannot reach the Dask scheduler at {address}: {exc.strerror or exc}; check the "
            "host, the port and the network"
        ) from None
    sock.close()


async def _identity(address: str, timeout: float) -> dict[str, Any]:
    from distributed.comm import connect
    from distributed.core import send_recv

    comm = await connect(address, timeout=timeout)
    try:
        return dict(await send_recv(comm, op="identity"))
    finally:
        comm.abort()


def _check_is_scheduler(address: str, timeout: float) -> None:
    """Dask's handshake and an ``identity`` request, in a thread with its own event loop.

    A thread, because the caller may already run an event loop (a notebook does).
    """
    import asyncio  # here: only a scheduler check needs it, not importing the engine

    outcome: dict[str, Any] = {}

    def probe() -> None:
        try:
            outcome["reply"] = asyncio.run(asyncio.wait_for(_identity(address, timeout), timeout))
        except BaseException as exc:  # reported by the caller
            outcome["error"] = exc

    thread = threading.Thread(target=probe, name="thesis-dask-probe", daemon=True)
    thread.start()
    thread.join(timeout + 2.0)
    if thread.is_alive() or isinstance(outcome.get("error"), TimeoutError):
        raise EngineError(
            f"{address} accepted a connection but did not answer as a Dask scheduler within "
            f"{timeout:g} s: another program may be listening on that port; check the address "
            "(a Dask scheduler listens on 8786 by default)"
        )
    error = outcome.get("error")
    if error is not None:
        reason = str(error) or type(error).__name__
        raise EngineError(
            f"{address} did not answer as a Dask scheduler ({reason}); check the address "
            "(a Dask scheduler listens on 8786 by default)"
        )
    kind = outcome.get("reply", {}).get("type")
    if kind != "Scheduler":
        what = f"a Dask {kind.lower()}" if isinstance(kind, str) else "not a Dask scheduler"
        raise EngineError(
            f"{address} is {what}, not a scheduler; give the scheduler's address "
            "(the one 'dask scheduler' prints)"
        )


def connect_scheduler(address: str, timeout: float | None = None) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address``, or a one-line error in seconds.

    Parameters
    ----------
    address : str
        See :func:`check_scheduler_address`.
    timeout : float, optional
        Seconds allowed for each step (connection, handshake, client start); default
        :data:`CONNECT_TIMEOUT_S`.

    Returns
    -------
    distributed.Client
        Not set as Dask's default client; the caller closes it.

    Raises
    ------
    SchedulerAddressError
        A malformed address.
    EngineError
        Nothing listening, no answer, another program, or a Dask that refuses the client.
    """
    import distributed

    timeout = CONNECT_TIMEOUT_S if timeout is None else timeout
    address = check_scheduler_address(address)
    if address.startswith(("tcp://", "tls://", "ws://", "wss://")):
        _check_reachable(address, timeout)
    if address.startswith("tcp://"):
        _check_is_scheduler(address, timeout)
    try:
        return distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ImportError, ValueError) as exc:
        raise EngineError(f"cannot connect to the Dask scheduler at {address}: {exc}") from None


def cluster_failure(exc: BaseException | None, address: str | None, what: str) -> EngineError:
    """One line for a failure of the cluster (not of the model) while running ``what``.

    Parameters
    ----------
    exc : BaseException or None
        What ``distributed`` raised or returned; None when the work was cancelled (lost) again
        after being submitted anew.
    address : str or None
        The scheduler's address, when known.
    what : str
        The work that was lost, e.g. ``"chunks 4..7 (paths 262144..524287)"``.
    """
    where = f" at {address}" if address else ""
    name = "FutureCancelledError" if exc is None else type(exc).__name__
    if name == "KilledWorker":
        return EngineError(
            f"Dask workers{where} died again and again running {what} (KilledWorker); check "
            "the workers' memory limit and their logs"
        )
    if exc is None:
        return EngineError(
            f"the Dask workers{where} were lost again and again while running {what} (each "
            "time with the run's data); check the workers' memory limit and their logs, and "
            "that the scheduler is still running"
        )
    if name in ("CancelledError", "FutureCancelledError", "ClosedClientError", "CommClosedError"):
        return EngineError(
            f"lost the Dask cluster{where} while running {what} ({name}); check that the "
            "scheduler and its workers are still running"
        )
    text = str(exc).splitlines()[0] if str(exc) else ""  # exc is not None here
    return EngineError(
        f"the Dask cluster{where} failed while running {what}: {name}"
        + (f": {text}" if text else "")
    )
