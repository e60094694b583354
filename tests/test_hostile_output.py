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
# signal comes (readiness, not a sleep). Pausing in fsync stands in for a slow disk. The run gets
# the default dispositions a terminal session has: under `nohup` or a CI job the runner may ignore
# SIGHUP or SIGINT, the ignoring is inherited across exec, and the child would rightly ignore it too.
PAUSED_IN_FSYNC = """
import os, signal, sys, time
for name in ("SIGHUP", "SIGINT", "SIGTERM"):
    signal.signal(getattr(signal, name), signal.default_int_handler if name == "SIGINT" else signal.SIG_DFL)
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


# --- the pager: chosen as gh does, and a pager that fails never loses the output ------------------
def on_a_terminal(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    """Run with stdout on a pseudo-terminal of 100x5 (so a listing pages); (status, screen, stderr)."""
    import pty
    import select

    leader, follower = pty.openpty()
    full_env = {**os.environ, "COLUMNS": "100", "LINES": "5", "TERM": "xterm", **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "usashoes", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=full_env,
        start_new_session=True,
    )
    os.close(follower)
    screen = b""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:  # read as it comes: a full pty would block the run
        ready, _, _ = select.select([leader], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: every writer closed the terminal
                chunk = b""
            if not chunk:
                break
            screen += chunk
        elif process.poll() is not None and not select.select([leader], [], [], 0.2)[0]:
            break
    else:
        process.kill()
        pytest.fail("the run did not finish on the terminal")
    os.close(leader)
    assert process.stderr is not None
    err = process.stderr.read().decode()
    process.wait(timeout=TIMEOUT)
    return process.returncode, screen.decode("utf-8", "replace").replace("\r\n", "\n"), err


def _all_ids_on(screen: str) -> bool:
    ids = listing_ids()
    return all(model_id in screen for model_id in ids)


PAGING = ["list", "--format", "table"]


@POSIX
@pytest.mark.parametrize("pager", ["false", "no-such-pager-anywhere", "sh -c 'exit 127'"])
def test_a_pager_that_fails_at_once_loses_nothing(pager: str) -> None:
    """PAGER=false showed nothing and exited 0; PAGER=no-such-pager showed only the shell's error."""
    status, screen, err = on_a_terminal(*PAGING, env={"PAGER": pager, "NO_COLOR": "1"})
    assert status == ExitCode.OK
    assert _all_ids_on(screen), screen[:500]
    assert len(err.splitlines()) == 1 and "pager" in err and "printed directly" in err, err


@POSIX
def test_a_pager_that_quits_early_on_purpose_is_fine() -> None:
    status, screen, err = on_a_terminal(*PAGING, env={"PAGER": "head -n 2", "NO_COLOR": "1"})
    assert status == ExitCode.OK and err == ""
    assert len(screen.strip().splitlines()) == 2 and not _all_ids_on(screen)


def _recording_pager(tmp_path: Path, name: str) -> str:
    """A pager program called NAME that only keeps what it was given in NAME.seen."""
    script = tmp_path / "bin" / name
    script.parent.mkdir(exist_ok=True)
    script.write_text(f'#!/bin/sh\ncat > "{tmp_path}/{name}.seen"\n', encoding="utf-8")
    script.chmod(0o755)
    return str(script)


@POSIX
def test_pager_order_usashoes_pager_then_pager_and_manpager_ignored(tmp_path: Path) -> None:
    """USASHOES_PAGER wins over PAGER; MANPAGER (which Python's pydoc prefers) is never used."""
    mine, general, manual = (_recording_pager(tmp_path, name) for name in ("mine", "general", "manual"))
    on_a_terminal(*PAGING, env={"USASHOES_PAGER": mine, "PAGER": general, "MANPAGER": manual, "NO_COLOR": "1"})
    assert sorted(p.name for p in tmp_path.glob("*.seen")) == ["mine.seen"]
    assert _all_ids_on((tmp_path / "mine.seen").read_text(encoding="utf-8"))
    (tmp_path / "mine.seen").unlink()
    on_a_terminal(*PAGING, env={"PAGER": general, "MANPAGER": manual, "NO_COLOR": "1"})
    assert sorted(p.name for p in tmp_path.glob("*.seen")) == ["general.seen"]


@POSIX
@pytest.mark.parametrize("value", ["", "cat", " cat "])
def test_an_empty_or_cat_pager_prints_directly(tmp_path: Path, value: str) -> None:
    manual = _recording_pager(tmp_path, "manual")
    for name in ("USASHOES_PAGER", "PAGER"):
        status, screen, err = on_a_terminal(*PAGING, env={name: value, "MANPAGER": manual, "NO_COLOR": "1"})
        assert status == ExitCode.OK and err == "" and _all_ids_on(screen)
    assert not list(tmp_path.glob("*.seen"))


@POSIX
@pytest.mark.parametrize(("less", "styled"), [("-FX", False), ("-FRX", True), ("-Rj5", True), ("-j5R", False)])
def test_styles_reach_less_only_when_it_shows_them(tmp_path: Path, less: str, styled: bool) -> None:
    """A LESS without R made less print `ESC[1m` raw: the pager then gets plain text."""
    pager = _recording_pager(tmp_path, "less")  # named less: treated as less
    on_a_terminal(*PAGING, env={"PAGER": pager, "LESS": less})
    seen = (tmp_path / "less.seen").read_text(encoding="utf-8")
    assert _all_ids_on(seen)
    assert ("\x1b[" in seen) == styled, seen[:200]


def test_the_display_choice_in_one_function() -> None:
    """What a config file would plug into: flags > environment > preferences > built-in."""
    from usashoes.output.terminal import DEFAULT_PAGER, display, set_color_option

    set_color_option(None)  # as a run without --color leaves it
    assert display({}).pager == DEFAULT_PAGER == ("less", "-FIRX")
    assert display({}).color == "auto" and not display({}).strip_styles
    assert display({"LESS": "-X"}).strip_styles is False  # our own less gets -R on its command line
    assert display({"PAGER": "less", "LESS": "-X"}).strip_styles is True
    assert display({"MANPAGER": "most"}).pager == DEFAULT_PAGER
    assert display({"PAGER": "more -s"}).pager == ("more", "-s")
    assert display({"PAGER": "more"}, preferences={"pager": "bat"}).pager == ("bat",)
    assert display({"USASHOES_PAGER": "w3m"}, preferences={"pager": "bat"}).pager_source == "USASHOES_PAGER"
    assert display({"PAGER": "more"}, no_pager=True).pager is None
    assert display({"USASHOES_NO_PAGER": "yes", "PAGER": "more"}).pager is None
    assert display({"NO_COLOR": "1"}).color == "never"
    assert display({"NO_COLOR": ""}).color == "auto"  # no-color.org: set and not empty
    assert display({"NO_COLOR": "1"}, color_option="always").color == "always"
    assert display({}, preferences={"color": "never"}).color_source == "config"
    assert display({"NO_COLOR": "1"}, preferences={"color": "always"}).color == "never"


# --- colour: --color auto|always|never, NO_COLOR removes all styling -------------------------------
def _table(*options: str, env: dict[str, str]) -> str:
    from typer.testing import CliRunner

    from usashoes.cli.app import app

    result = CliRunner().invoke(app, [*options, "list", "--format", "table"], env={"COLUMNS": "100", **env})
    assert result.exit_code == ExitCode.OK, result.stderr
    return result.stdout


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}])
def test_no_color_removes_all_styling_bold_too(env: dict[str, str]) -> None:
    """The README promised NO_COLOR removes styling; bold headers stayed."""
    assert "\x1b" not in _table(env=env)


def test_color_option_always_never_auto() -> None:
    assert "\x1b[" in _table("--color", "always", env={})  # not a terminal: styled all the same
    assert "\x1b[" in _table("--color", "always", env={"NO_COLOR": "1", "TERM": "dumb"})  # the flag wins
    assert "\x1b" not in _table("--color", "never", env={"FORCE_COLOR": "1"})
    assert "\x1b" not in _table("--color", "auto", env={})  # a pipe
    assert "\x1b[" in _table("--color", "AUTO", env={"FORCE_COLOR": "1"})
    assert "\x1b" not in _table(env={})  # and no --color on the next run is auto again


def test_color_option_refuses_other_values() -> None:
    from typer.testing import CliRunner

    from usashoes.cli.app import app

    result = CliRunner().invoke(app, ["--color", "sometimes", "list"])
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    assert "'sometimes' is not one of auto, always, never" in result.stderr
    assert "--color" in CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100"}).stdout
