"""Hostile output targets, signals and pagers (reliability round 3): `-o` never renames over
what is not a regular file, a signal never leaves a temporary file, a failed pager loses nothing.

Everything involving a signal, a device, a FIFO or a pager runs as a real subprocess.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from usashoes.errors import ExitCode

pytestmark = pytest.mark.usefixtures("small_catalog")
TIMEOUT = 20
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices, FIFOs and signals")


def usashoes(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, **(env or {})}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    try:
        return subprocess.run([sys.executable, "-m", "usashoes", *args], timeout=TIMEOUT, env=full_env, **streams)
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"usashoes {' '.join(args)[:100]} took more than {TIMEOUT} s: {error}")


def listing_ids() -> list[str]:
    return [record["id"] for record in json.loads(usashoes("list", "--json").stdout)]


# --- -o FILE: a FILE that is not a regular file is written through, never renamed over ---------
@POSIX
def test_output_to_a_device_writes_through_and_keeps_the_device(tmp_path: Path) -> None:
    """As root, `-o /dev/null` turned /dev/null into a regular world-writable file. Here: a null
    device made in a temp dir stays a character device and the run succeeds."""
    if not ROOT:
        pytest.skip("mknod needs root")
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    done = usashoes("list", "--json", "-o", str(device))
    assert done.returncode == ExitCode.OK, done.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode) and os.stat(device).st_mode & 0o777 == 0o600
    assert os.listdir(tmp_path) == ["null"] and done.stdout == b""


@POSIX
def test_output_to_a_full_device_is_write_failed_and_keeps_the_device(tmp_path: Path) -> None:
    """Every write checked: a full device refuses it, exit WRITE_FAILED naming the file, device untouched."""
    device = _device_path(tmp_path, "full", 7)
    done = usashoes("list", "--json", "-o", device)
    assert done.returncode == ExitCode.WRITE_FAILED
    assert done.stderr.decode().splitlines() == [done.stderr.decode().strip()]
    assert device in done.stderr.decode() and b"Traceback" not in done.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def _device_path(tmp_path: Path, name: str, minor: int) -> str:
    """Root gets its own device node in tmp_path: if this code ever regressed to renaming, as root it
    would replace the machine's /dev/NAME. Others use /dev/NAME, which they cannot replace."""
    if ROOT:
        os.mknod(tmp_path / name, stat.S_IFCHR | 0o666, os.makedev(1, minor))
        return str(tmp_path / name)
    if not os.path.exists(f"/dev/{name}"):
        pytest.skip(f"no /dev/{name}")
    return f"/dev/{name}"


def _stdout_path(tmp_path: Path) -> str:
    """/dev/stdout, or for root a link of its own to the same place (see _device_path)."""
    if not ROOT:
        return "/dev/stdout"
    link = tmp_path / "links" / "stdout"
    link.parent.mkdir()
    link.symlink_to("/proc/self/fd/1")
    return str(link)


@POSIX
def test_output_to_a_fifo_feeds_its_reader_and_keeps_the_fifo(tmp_path: Path) -> None:
    """`mkfifo p; cat p & usashoes list -o p` left cat blocked and replaced the FIFO."""
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        done = usashoes("list", "--json", "-o", str(fifo))
        out, _ = reader.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail("the FIFO's reader never got the output")
    finally:
        reader.kill()
    assert done.returncode == ExitCode.OK, done.stderr
    assert [record["id"] for record in json.loads(out)] == listing_ids()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.listdir(tmp_path) == ["p"]


@POSIX
@pytest.mark.parametrize("target", ["stdout", "/dev/fd/1", "/proc/self/fd/1"])
@pytest.mark.parametrize("stdout_is", ["pipe", "file"])
def test_output_to_own_stdout_writes_there(tmp_path: Path, target: str, stdout_is: str) -> None:
    """As an ordinary user `-o /dev/stdout` exited 74 (a temporary file in /dev or /proc/…/fd)."""
    target = _stdout_path(tmp_path) if target == "stdout" else target
    if not os.path.exists(target):
        pytest.skip(f"no {target}")
    if stdout_is == "pipe":
        done = usashoes("list", "--json", "-o", target)
        out = done.stdout
    else:
        with open(tmp_path / "out.json", "wb") as handle:
            done = usashoes("list", "--json", "-o", target, stdout=handle)
        out = (tmp_path / "out.json").read_bytes()
        assert "out.json" in os.listdir(tmp_path) and not list(tmp_path.glob("**/.usashoes-*"))
    assert done.returncode == ExitCode.OK, done.stderr
    assert [record["id"] for record in json.loads(out)] == listing_ids()


@POSIX
def test_output_to_stdout_appended_to_a_log_keeps_the_log(tmp_path: Path) -> None:
    """`usashoes list -o /dev/stdout >> log`: appended, as the shell asked, not written over."""
    log = tmp_path / "log"
    log.write_bytes(b"earlier line\n")
    with open(log, "ab") as handle:
        done = usashoes("list", "--format", "lines", "-o", _stdout_path(tmp_path), stdout=handle)
    assert done.returncode == ExitCode.OK, done.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier line\n") and len(text.splitlines()) == 1 + len(listing_ids())


@POSIX
def test_output_to_process_substitution(tmp_path: Path) -> None:
    """`-o >(gzip > x.gz)` exited 74; a shell's process substitution is a pipe, written through."""
    if not Path("/bin/bash").exists():
        pytest.skip("needs bash")
    copy = tmp_path / "copy.json"
    script = f'"$PY" -m usashoes list --json -o >(cat > {copy}); status=$?; wait; exit $status'
    done = subprocess.run(
        ["/bin/bash", "-c", script], capture_output=True, timeout=TIMEOUT, env={**os.environ, "PY": sys.executable}
    )
    assert done.returncode == ExitCode.OK, done.stderr
    for _ in range(100):  # bash does not wait for a process substitution before 5.1
        if copy.exists() and copy.read_bytes().endswith(b"\n"):
            break
        time.sleep(0.05)
    assert [record["id"] for record in json.loads(copy.read_bytes())] == listing_ids()


def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    """A symlink to a regular file keeps the atomic replace, of the file it points at."""
    real = tmp_path / "data" / "real.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    done = usashoes("list", "--json", "-o", str(link))
    assert done.returncode == ExitCode.OK, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert [record["id"] for record in json.loads(real.read_bytes())] == listing_ids()
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(real.parent)) == ["real.json"]


def test_output_to_a_directory_is_refused_and_the_directory_untouched(tmp_path: Path) -> None:
    done = usashoes("list", "--json", "-o", str(tmp_path))
    assert done.returncode == ExitCode.WRITE_FAILED
    assert f"{tmp_path}: Is a directory" in done.stderr.decode() and os.listdir(tmp_path) == []


# --- signals during -o: the temporary file never stays behind -----------------------------------
# The run pauses inside the write, with its temporary file made, and says so on stderr: then the
# signal comes (readiness, not a sleep). Pausing in fsync stands in for a slow disk.
PAUSED_IN_FSYNC = """
import os, sys, time
real_fsync = os.fsync
def slow_fsync(fd):
    sys.stderr.write("in fsync\\n"); sys.stderr.flush()
    time.sleep(60)
    real_fsync(fd)
os.fsync = slow_fsync
from usashoes.__main__ import main
sys.argv = ["usashoes", *sys.argv[1:]]
main()
"""


@POSIX
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_during_output_leaves_the_old_file_and_no_temporary(tmp_path: Path, signame: str) -> None:
    """SIGTERM and SIGHUP left `.usashoes-*.tmp` beside FILE for good; SIGINT was clean."""
    import signal

    number = getattr(signal, signame)
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_IN_FSYNC, "list", "--json", "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a signal for the run only, never for pytest
    )
    try:
        assert process.stderr is not None
        assert process.stderr.readline() == b"in fsync\n"
        assert len(list(tmp_path.glob(".usashoes-*.tmp"))) == 1  # the case needs a temporary file
        process.send_signal(number)
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert os.listdir(tmp_path) == ["out.json"] and target.read_text(encoding="utf-8") == "old"
    assert b"Traceback" not in err and out == b""
    if number == signal.SIGINT:
        assert process.returncode == ExitCode.INTERRUPTED
    else:  # it ends by the signal it was sent, as the shell expects (status 128 + N)
        assert process.returncode == -number
