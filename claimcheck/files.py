"""Safe replacement on disk: files through a temporary file and `os.replace`; folders published as immutable
versions behind a symlink, and only over a folder of the same kind."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimcheck.errors import ClaimcheckError

# `.NAME.v-PID-TOKEN`: one published (or being built) version of the folder NAME beside it; PID is the builder's.
_VERSION = re.compile(r"\.(?P<name>.+)\.v-(?P<pid>\d+)-(?P<token>[0-9a-f]{8,})")
# `.NAME.link-PID-TOKEN`: the new symlink, for the instant before it is renamed over NAME.
_LINK = re.compile(r"\.(?P<name>.+)\.link-(?P<pid>\d+)-[0-9a-f]+")
# `.NAME.old-PID`: where a swap of real folders (earlier versions, or no renameat2) parks the old one.
_OLD = re.compile(r"\.(?P<name>.+)\.old-(?P<pid>\d+)")
STALE_S = 24 * 3600  # a build folder this old whose PID is alive belongs to a reused PID, not to a running build
LEGACY_STALE_S = 3600  # build folders without a PID in the name (earlier versions) are removed after an hour
# A replaced version is removed once it has been replaced for this long: a reader that read the old link just
# before the swap still finds its folder. (Loaded indexes hold their files open and need no grace at all.)
REPLACED_GRACE_S = 10.0

_building: set[Path] = set()  # version folders this process is still writing (threads share one PID)
_building_lock = threading.Lock()


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` so a reader sees the old file or the new one, never half of either.

    `mode` sets the file's permissions; without it the file keeps mkstemp's private 0600.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` name one file: the same path once resolved, or (both existing) one inode, so that a
    symlink, a hard link or `./x/../` spelling cannot make an output overwrite an input."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False


@dataclass(frozen=True)
class FolderKind:
    """What a replaceable folder holds. `holds(folder)` recognises one (a valid manifest, a model card);
    a refusal raises `error` with `fix` appended; `legacy_prefix` names build folders of earlier versions."""

    label: str
    holds: Callable[[Path], bool]
    fix: str
    error: type[Exception] = ClaimcheckError
    legacy_prefix: str | None = None


def check_replaceable(target: Path, kind: FolderKind) -> None:
    """Refuse unless `target` is absent, an empty folder, or a folder of `kind`: nothing else is ever replaced,
    so a mistyped path cannot delete someone's files."""
    if not os.path.lexists(target) or _is_version_link(target):
        return
    if not target.is_dir():
        raise kind.error(f"refusing to replace {target}: it is not a folder, so not a {kind.label}; {kind.fix}")
    if kind.holds(target):
        return
    try:
        empty = not any(target.iterdir())
    except OSError:
        empty = False
    if not empty:
        raise kind.error(f"refusing to replace {target}: it is not a {kind.label} and holds other files; {kind.fix}")


def replace_dir(new: Path, target: Path, kind: FolderKind) -> None:
    """Replace folder `target` by `new` with renames only; `target` must be absent, empty or of `kind`.

    For folders read rarely and rebuilt by hand (exported models): between the two renames `target` is
    briefly missing. The index uses `publish_version`, which never leaves it missing.
    """
    check_replaceable(target, kind)
    if os.path.lexists(target):
        _rename_swap(new, target)
    else:
        os.replace(new, target)


def _rename_swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)
        raise
    if old.is_symlink() or not old.is_dir():
        old.unlink()
    else:
        shutil.rmtree(old, ignore_errors=True)


def current_version(target: Path) -> Path:
    """The folder `target` stands for right now, links followed: read every file of one load from here, so a
    swap part-way cannot mix two versions."""
    return Path(os.path.realpath(target))


@contextlib.contextmanager
def publish_version(target: Path, kind: FolderKind) -> Iterator[Path]:
    """Yield a new empty folder; when the block ends without error, make `target` name it, atomically.

    `target` becomes a symlink to `.NAME.v-PID-TOKEN` beside it, replaced by one rename, so a reader opening
    `target` finds the old version or the new one, never none. An old-style real folder is exchanged for the
    link in one `renameat2(RENAME_EXCHANGE)` where the system has it (else two renames, once). Builds remove
    versions replaced more than REPLACED_GRACE_S ago and the folders of killed builds (their PID gone). A
    user's own symlink at `target` is followed and kept. On error the new folder is removed and `target` is
    untouched. Swaps and cleaning hold a lock on the parent folder, so concurrent builds are safe: the last
    to finish wins.
    """
    location = _location(Path(target))
    check_replaceable(location, kind)  # before any work: refuse early, change nothing
    location.parent.mkdir(parents=True, exist_ok=True)
    with _locked(location.parent):
        _clean(location, kind)
    version = location.parent / f".{location.name}.v-{os.getpid()}-{time.time_ns():x}{secrets.token_hex(4)}"
    version.mkdir(mode=0o700)
    with _building_lock:
        _building.add(version)
    published = False
    try:
        yield version
        os.chmod(version, 0o755)
        with _locked(location.parent):
            check_replaceable(location, kind)  # again: the path may have changed during a long build
            if not kind.holds(version):  # incomplete, or removed by someone: never publish a broken version
                raise kind.error(f"the new {kind.label} at {version} is incomplete; build it again")
            os.utime(version)  # its modification time now records when it was published
            try:
                _point(location, version, kind)
            except OSError as exc:
                raise kind.error(f"cannot put the new {kind.label} at {location}: {exc.strerror or exc}") from exc
            published = True
            _clean(location, kind)
    finally:
        with _building_lock:
            _building.discard(version)
        if not published:
            shutil.rmtree(version, ignore_errors=True)


def _is_version_link(path: Path) -> bool:
    """A symlink this module made: its target is a `.NAME.v-PID-TOKEN` name beside it."""
    try:
        dest = os.readlink(path)
    except OSError:
        return False
    m = _VERSION.fullmatch(dest)
    return m is not None and m["name"] == path.name


def _location(target: Path) -> Path:
    """Where to publish: `target`, or, when it is a user's own symlink, what it points to (the link is kept)."""
    path = Path(os.path.abspath(target))
    for _ in range(40):
        if not path.is_symlink() or _is_version_link(path):
            return path
        path = Path(os.path.abspath(Path(os.path.realpath(path.parent)) / os.readlink(path)))
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(target))


def _point(location: Path, version: Path, kind: FolderKind) -> None:
    """Make `location` name `version` in one step."""
    link = location.parent / f".{location.name}.link-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        os.symlink(version.name, link)
    except OSError:  # no symlinks here (some Windows setups): fall back to swapping real folders
        replace_dir(version, location, kind)
        return
    try:
        if _is_version_link(location) or not os.path.lexists(location):
            os.replace(link, location)  # one rename: readers see the old link or the new one
        elif _exchange(link, location):  # an old-style real folder (earlier versions' index, or empty)
            shutil.rmtree(link, ignore_errors=True)  # `link` now names the old folder
        else:
            _rename_swap(link, location)
    finally:
        if os.path.islink(link):  # still the new link: the swap failed
            link.unlink()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux `renameat2` with RENAME_EXCHANGE); False where that is unavailable."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # this kernel or file system cannot exchange
    raise OSError(code, os.strerror(code), str(b))


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive `flock` on `folder`: one swap-and-clean at a time, across processes and threads."""
    try:
        import fcntl
    except ImportError:  # Windows: no cross-process lock, the swap itself is still one rename
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # a file system without flock: go on unlocked
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, another user's
        return True
    return True


def _age(path: Path) -> float:
    mtime = _mtime(path)
    return time.time() - mtime if mtime else 0.0


def _ours_in_progress(path: Path) -> bool:
    """A folder this process is still writing or about to publish (threads share one PID)."""
    with _building_lock:
        return path in _building


def _alive_build(path: Path, pid: int) -> bool:
    """Whether another process may still be writing `path`: its PID is alive and the folder is not so old that
    the PID must have been reused."""
    return pid != os.getpid() and _alive(pid) and _age(path) < STALE_S


def _clean(location: Path, kind: FolderKind) -> None:
    """Remove what earlier builds left beside `location` that nobody can be reading or writing any more: folders
    of builds whose process is gone, and versions replaced more than REPLACED_GRACE_S ago.

    Only names this module (or an earlier version of it) makes are touched; call it holding `_locked`.
    """
    try:
        entries = list(location.parent.iterdir())
    except OSError:
        return
    current = os.readlink(location) if _is_version_link(location) else None
    published = [(_mtime(location.parent / current), location.parent / current)] if current else []
    for entry in entries:
        name = entry.name
        if m := _VERSION.fullmatch(name):
            if m["name"] != location.name or name == current or _ours_in_progress(entry):
                continue
            if kind.holds(entry):  # a finished version: kept while readers may still be on their way to it
                published.append((_mtime(entry), entry))
                continue
            if _alive_build(entry, int(m["pid"])):
                continue
        elif m := _LINK.fullmatch(name) or _OLD.fullmatch(name):
            if m["name"] != location.name or _alive(int(m["pid"])):
                continue
        elif not (kind.legacy_prefix and name.startswith(kind.legacy_prefix) and _age(entry) > LEGACY_STALE_S):
            continue
        _remove(entry)
    # Each version was replaced when the next one (by publication time) was published.
    published.sort(key=lambda pair: pair[0])
    now = time.time()
    for (_, older), (replaced_at, _) in zip(published, published[1:], strict=False):
        if older.name != current and now - replaced_at > REPLACED_GRACE_S:
            _remove(older)


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


def _remove(entry: Path) -> None:
    with contextlib.suppress(OSError):  # cleaning is best effort: the next build tries again
        if entry.is_symlink() or not entry.is_dir():
            entry.unlink()
        else:
            shutil.rmtree(entry, ignore_errors=True)
