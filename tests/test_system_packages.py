"""scripts/system-packages decides what a fresh machine needs before Qt is imported: silent when
all is there, installs what is missing when it may, and otherwise says in one line what to run.

It runs against a fake system: stubs of ldconfig, id, sudo, apt-get and dnf on a PATH of their
own record every command the script would run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ("bash", "uname", "dirname", "awk", "find", "sed", "env", "cat", "touch")  # the script's, the stubs'


def table() -> list[list[str]]:
    rows = (ROOT / "scripts" / "qt-libraries.txt").read_text().splitlines()
    return [row.split() for row in rows if row.strip() and not row.startswith("#")]


LIBRARIES = [row[0] for row in table() if ".so" in row[0]]


class FakeSystem:
    def __init__(self, tmp: Path) -> None:
        self.repo = tmp / "repo"
        (self.repo / "scripts").mkdir(parents=True)
        for name in ("system-packages", "qt-libraries.txt"):
            shutil.copy2(ROOT / "scripts" / name, self.repo / "scripts" / name)
        (self.repo / ".venv" / "bin").mkdir(parents=True)
        (self.repo / ".venv" / "bin" / "python").symlink_to(shutil.which("true"))
        self.bin = tmp / "bin"
        self.bin.mkdir()
        for tool in TOOLS:
            (self.bin / tool).symlink_to(shutil.which(tool))
        self.calls = tmp / "calls"
        self.calls.touch()
        self.cache = tmp / "ld.so.cache"
        self.fonts = tmp / "fonts"
        (self.fonts / "truetype").mkdir(parents=True)
        (self.fonts / "truetype" / "DejaVuSans.ttf").touch()
        self.have(*LIBRARIES)
        self.stub("ldconfig", f'cat "{self.cache}"')
        self.stub("id", 'echo "${FAKE_UID:-1000}"')
        self.stub("sudo", f'echo "sudo $*" >>"{self.calls}"; [ "$1" = -n ] || exit 1; shift; '
                          '[ -n "${FAKE_SUDO_WORKS:-}" ] || exit 1; [ "$1" = true ] && exit 0; exec "$@"')

    def stub(self, name: str, body: str) -> None:
        path = self.bin / name
        path.write_text(f"#!{shutil.which('bash')}\n{body}\n")
        path.chmod(0o755)

    def have(self, *libraries: str) -> None:
        lines = [f"\t{lib} (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/{lib}" for lib in libraries]
        self.cache.write_text(f"{len(lines)} libs found in cache `/etc/ld.so.cache'\n" + "\n".join(lines) + "\n")

    def lack(self, *libraries: str) -> None:
        self.have(*[lib for lib in LIBRARIES if lib not in libraries])

    def package_manager(self, name: str, *, works: bool = True) -> None:
        """apt-get or dnf: records its arguments; an install provides every library."""
        provide = f'printf "\\t%s (libc6,x86-64) => /usr/lib/%s\\n" {" ".join(f"{x} {x}" for x in LIBRARIES)} ' \
                  f'>>"{self.cache}"; touch "{self.fonts}/truetype/DejaVuSans.ttf"'
        # apt-get on a minimal Debian (no apt-utils) says so on stderr, unless debconf is told not to.
        chatter = ('[ "${DEBCONF_NOWARNINGS:-}" = yes ] || '
                   'echo "debconf: delaying package configuration, since apt-utils is not installed" >&2')
        self.stub(name, f'echo "{name} $*" >>"{self.calls}"\n'
                        f'case "$*" in *install*) {chatter if name == "apt-get" else ""}\n'
                        f'{provide if works else "exit 100"} ;; esac')

    def run(self, need: str = "window", **env: str) -> subprocess.CompletedProcess:
        environment = {"PATH": str(self.bin), "HOME": str(self.repo), "SYSTEM_FONT_DIRS": str(self.fonts),
                       "PYTHON": str(self.bin / "python3"), **env}
        return subprocess.run([str(self.bin / "bash"), str(self.repo / "scripts" / "system-packages"), need],
                              env=environment, capture_output=True, text=True, timeout=30)

    def commands(self) -> list[str]:
        return self.calls.read_text().splitlines()


@pytest.fixture
def system(tmp_path) -> FakeSystem:
    return FakeSystem(tmp_path)


def test_everything_there_is_silent_and_runs_nothing(system):
    result = system.run()
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert system.commands() == []


def test_without_root_or_sudo_one_line_names_both_commands(system):
    system.lack("libEGL.so.1", "libglib-2.0.so.0", "libgthread-2.0.so.0")
    system.package_manager("apt-get")
    result = system.run()
    assert result.returncode == 1
    assert result.stderr == (
        "Registry Desk needs system packages that are missing (libEGL.so.1, libglib-2.0.so.0, "
        "libgthread-2.0.so.0); install them with: sudo apt-get install -y libegl1 libglib2.0-0 "
        "(Fedora: sudo dnf install -y libglvnd-egl glib2)\n")
    assert system.commands() == ["sudo -n true"]  # it asked sudo, which wanted a password


def test_as_root_on_debian_it_installs_the_missing_packages(system):
    system.lack("libglib-2.0.so.0", "libxcb-cursor.so.0")
    system.package_manager("apt-get")
    result = system.run(FAKE_UID="0")
    assert result.returncode == 0, result.stderr
    assert system.commands() == [
        "apt-get update -qq",
        "apt-get install -y -qq --no-install-recommends libglib2.0-0 libxcb-cursor0",
    ]
    assert result.stderr == ("Installing the system packages Qt needs (libglib-2.0.so.0, libxcb-cursor.so.0): "
                             "apt-get install -y libglib2.0-0 libxcb-cursor0\n")


def test_with_sudo_that_asks_no_password_on_fedora_it_uses_dnf(system):
    system.lack("libxkbcommon-x11.so.0", "libxcb-randr.so.0", "libxcb-shape.so.0")
    system.package_manager("dnf")
    result = system.run(FAKE_SUDO_WORKS="1")
    assert result.returncode == 0, result.stderr
    assert system.commands() == ["sudo -n true", "sudo -n dnf install -y -q libxkbcommon-x11 libxcb",
                                 "dnf install -y -q libxkbcommon-x11 libxcb"]


def test_a_failed_install_stops_with_the_command_to_run(system):
    system.lack("libEGL.so.1")
    system.package_manager("apt-get", works=False)
    result = system.run(FAKE_UID="0")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Could not install the system packages Registry Desk needs (libEGL.so.1); install them with: "
        "apt-get install -y libegl1 (Fedora: dnf install -y libglvnd-egl)")


def test_the_tests_need_only_what_offscreen_qt_loads(system):
    system.lack("libxcb-cursor.so.0", "libX11-xcb.so.1")
    assert system.run("offscreen").returncode == 0
    assert "sudo apt-get install -y libx11-xcb1 libxcb-cursor0 (Fedora" in system.run("window").stderr


def test_no_font_and_no_venv_module_are_missing_packages_too(system):
    shutil.rmtree(system.fonts)
    shutil.rmtree(system.repo / ".venv")
    system.stub("python3", "exit 1")  # Debian's python3 without python3-venv: no ensurepip
    result = system.run("offscreen")
    assert "(fonts, venv); install them with: sudo apt-get install -y fonts-dejavu-core python3-venv" in result.stderr
    system.stub("python3", "exit 0")
    assert "(fonts);" in system.run("offscreen").stderr


def test_without_a_library_cache_the_libraries_are_left_to_python(system):
    # No glibc cache to read (`ldconfig -p` fails or lists nothing): nothing can be told, so
    # nothing is reported missing. (The script also looks in /sbin, so a stub stands in.)
    system.stub("ldconfig", "exit 1")
    result = system.run()
    assert (result.returncode, result.stderr) == (0, "")
    system.stub("ldconfig", "true")
    assert system.run().returncode == 0


def test_the_table_names_packages_of_the_lists_ci_installs():
    debian = set((ROOT / "scripts" / "debian-packages.txt").read_text().split())
    fedora = set((ROOT / "scripts" / "fedora-packages.txt").read_text().split())
    assert {row[2] for row in table()} <= debian
    assert {row[3] for row in table()} <= fedora
    assert {row[1] for row in table()} == {"offscreen", "window"}


def test_the_run_and_test_commands_check_first():
    for script in ("sandbox", "test"):
        lines = (ROOT / "scripts" / script).read_text().splitlines()
        check = next(i for i, line in enumerate(lines) if "scripts/system-packages" in line)
        venv = next(i for i, line in enumerate(lines) if "-m venv" in line)
        assert check < venv, f"scripts/{script} must check the system packages before anything else"


def test_a_venv_made_without_python3_venv_still_needs_it(system):
    # `python3 -m venv .venv` on a Debian without python3-venv stops half way: .venv/bin/python
    # exists but has no pip, and every later `pip install` fails with "No module named pip".
    system.stub("python3", "exit 1")  # no ensurepip
    (system.repo / ".venv" / "bin" / "python").unlink()
    (system.repo / ".venv" / "bin" / "python").symlink_to(shutil.which("false"))  # no pip either
    result = system.run("offscreen")
    assert result.returncode == 1
    assert "(venv); install them with: sudo apt-get install -y python3-venv" in result.stderr


def run_script(
    tmp_path: Path, script: str, *, pip: bool = True, **env: str
) -> tuple[subprocess.CompletedProcess, list[str]]:
    """scripts/sandbox or scripts/test on Linux, with every command it runs a stub recording its arguments
    (`python3 -m venv` gives the .venv its pip)."""
    repo, calls, bin_ = tmp_path / "repo", tmp_path / "calls", tmp_path / "bin"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / script, repo / "scripts" / script)
    bin_.mkdir()
    for tool in ("bash", "dirname", "touch"):
        (bin_ / tool).symlink_to(shutil.which(tool))
    calls.touch()
    pip_there = tmp_path / "pip-there"
    if pip:
        pip_there.touch()

    def stub(path: Path, body: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"#!{shutil.which('bash')}\n{body}\n")
        path.chmod(0o755)

    stub(bin_ / "uname", "echo Linux")
    stub(repo / "scripts" / "system-packages", f'echo "system-packages $*" >>"{calls}"')
    stub(repo / ".venv" / "bin" / "python", f'[ "$*" = "-c import pip" ] && {{ [ -e "{pip_there}" ]; exit; }}\n'
                                            f'echo "python $*" >>"{calls}"')
    for tool in ("ruff", "lint-imports", "mypy", "registry-desk"):
        stub(repo / ".venv" / "bin" / tool, f'echo "{tool} $*" >>"{calls}"')
    stub(bin_ / "python3", f'echo "python3 $*" >>"{calls}"; touch "{pip_there}"')
    result = subprocess.run([str(bin_ / "bash"), str(repo / "scripts" / script)], capture_output=True, text=True,
                            env={"PATH": str(bin_), "HOME": str(tmp_path), **env}, timeout=30)
    return result, calls.read_text().splitlines()


@pytest.mark.parametrize("script", ["sandbox", "test"])
def test_the_run_and_test_commands_make_a_venv_without_pip_again(tmp_path, script):
    # The half-made .venv: its python runs, but has no pip until the venv is made again.
    result, made = run_script(tmp_path, script, pip=False, DISPLAY=":0")
    assert result.returncode == 0, result.stderr
    assert made[1] == "python3 -m venv .venv"
    assert made[2].startswith("python -m pip install")


def test_the_sandbox_without_a_display_installs_and_then_says_how_to_run_it(tmp_path):
    result, made = run_script(tmp_path, "sandbox")
    assert result.returncode == 1
    assert result.stderr == (
        "Registry Desk opens a window and there is no display here (DISPLAY and WAYLAND_DISPLAY are unset): "
        "run it in a desktop session, over ssh -X, or as: xvfb-run ./scripts/sandbox\n")
    assert made[0] == "system-packages window" and "registry-desk --sandbox" not in made
    assert any(call.startswith("python -m pip install -q -e") for call in made)
    for display in ({"DISPLAY": ":1"}, {"WAYLAND_DISPLAY": "wayland-0"}):
        result, made = run_script(tmp_path / next(iter(display)), "sandbox", **display)
        assert (result.returncode, made[-1]) == (0, "registry-desk --sandbox")
