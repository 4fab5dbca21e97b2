"""End-to-end tests of the built guestvoiced binary, driven through grpcurl.

Each test gets its own data dir under tmp_path and a kernel-chosen port
(--listen=127.0.0.1:0), so tests are hermetic and can run next to anything
else on the machine. The server's port is read back from its log line; every
wait is a poll with a deadline, never a fixed sleep.

Environment: GUESTVOICED is the server binary (set by ctest). GRPCURL may name
grpcurl; otherwise it is looked up on PATH and in $(go env GOPATH)/bin, where
tools/setup installs it. GUESTVOICE_E2E_TLS=1 runs every test that uses the
`server` or `serve` fixtures over mutual TLS, with certificates made by openssl
for the run (ctest runs the suite both ways).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import tarfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

HOTEL_SERVICE = "guestvoice.v1.HotelService"
FEEDBACK_SERVICE = "guestvoice.v1.FeedbackService"
ADMIN_SERVICE = "guestvoice.v1.AdminService"
HEALTH_SERVICE = "grpc.health.v1.Health"
ORGANIZATION = "organizations/default"
HOTEL_ID = "lisbon-riverside"
HOTEL_NAME = f"{ORGANIZATION}/hotels/{HOTEL_ID}"

# grpcurl exits with 64 + the gRPC status code when a call fails.
GRPCURL_STATUS_EXIT_OFFSET = 64
INVALID_ARGUMENT = 3
UNAUTHENTICATED = 16

LISTENING = re.compile(r"guestvoiced listening on port (\d+) \(data dir ")
FIRST_START = re.compile(r"first start: .*admin API key in (\S+)")

# Over mutual TLS instead of plaintext loopback (module docstring).
OVER_TLS = os.environ.get("GUESTVOICE_E2E_TLS") == "1"

# Generous bounds: they only matter when something hangs, and a loaded CI
# machine must not turn a slow start into a failure.
START_DEADLINE_S = 15.0
EXIT_DEADLINE_S = 30.0
REFUSAL_DEADLINE_S = 10.0
GRPCURL_DEADLINE_S = 20.0
POLL_INTERVAL_S = 0.02


def _find_guestvoiced() -> Path:
    value = os.environ.get("GUESTVOICED")
    if not value:
        pytest.fail("GUESTVOICED must name the guestvoiced binary (ctest sets it)")
    path = Path(value)
    if not os.access(path, os.X_OK):
        pytest.fail(f"GUESTVOICED={path} is not an executable file")
    return path


def _find_grpcurl() -> Path:
    candidates = [os.environ.get("GRPCURL"), shutil.which("grpcurl")]
    go = shutil.which("go")
    if go:
        gopath = subprocess.run([go, "env", "GOPATH"], capture_output=True,
                                text=True, timeout=30).stdout.strip()
        if gopath:
            candidates.append(str(Path(gopath) / "bin" / "grpcurl"))
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return Path(candidate)
    # A missing tool fails rather than skips: a green run must mean tested.
    pytest.fail("grpcurl not found (set GRPCURL or run tools/setup)")


@pytest.fixture(scope="session")
def guestvoiced_binary() -> Path:
    return _find_guestvoiced()


@pytest.fixture(scope="session")
def grpcurl_binary() -> Path:
    return _find_grpcurl()


@dataclass(frozen=True)
class Certificates:
    """A certificate authority, a server and a client certificate it signed,
    and a stranger: a client certificate signed by an authority nobody
    trusts. Each certificate's key is beside it (NAME.key for NAME.pem)."""

    authority: Path
    server: Path
    client: Path
    stranger: Path

    @staticmethod
    def key(certificate: Path) -> Path:
        return certificate.with_suffix(".key")

    def server_flags(self, *, require_client_certificates: bool) -> list[str]:
        flags = [f"--tls_cert_file={self.server}",
                 f"--tls_key_file={self.key(self.server)}"]
        if require_client_certificates:
            flags.append(f"--tls_client_ca_file={self.authority}")
        return flags

    def grpcurl_flags(self, client: Path | None) -> list[str]:
        flags = ["-cacert", str(self.authority)]
        if client is not None:
            flags += ["-cert", str(client), "-key", str(self.key(client))]
        return flags


def _openssl(directory: Path, *args: str) -> None:
    result = subprocess.run(["openssl", *args], cwd=directory,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"openssl {' '.join(args)}:\n{result.stderr}"


def _make_authority(directory: Path, name: str) -> Path:
    _openssl(directory, "req", "-x509", "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
             "-subj", f"/CN={name}", "-keyout", f"{name}.key",
             "-out", f"{name}.pem")
    return directory / f"{name}.pem"


def _issue(directory: Path, authority: Path, name: str, serial: int,
           extensions: str) -> Path:
    _openssl(directory, "req", "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-subj", f"/CN={name}",
             "-keyout", f"{name}.key", "-out", f"{name}.csr")
    (directory / f"{name}.ext").write_text(extensions + "\n")
    _openssl(directory, "x509", "-req", "-in", f"{name}.csr",
             "-CA", authority.name, "-CAkey", Certificates.key(authority).name,
             "-set_serial", str(serial), "-days", "2",
             "-extfile", f"{name}.ext", "-out", f"{name}.pem")
    return directory / f"{name}.pem"


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    """Made once per run by openssl; valid for two days."""
    directory = tmp_path_factory.mktemp("certificates")
    authority = _make_authority(directory, "guestvoice-test-ca")
    untrusted = _make_authority(directory, "untrusted-ca")
    return Certificates(
        authority=authority,
        server=_issue(directory, authority, "server", 1,
                      "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                      "extendedKeyUsage=serverAuth"),
        client=_issue(directory, authority, "client", 2,
                      "extendedKeyUsage=clientAuth"),
        stranger=_issue(directory, untrusted, "stranger", 1,
                        "extendedKeyUsage=clientAuth"))


@dataclass
class Guestvoiced:
    """One guestvoiced process; stdout and stderr both go to log_path."""

    process: subprocess.Popen
    data_dir: Path
    log_path: Path
    port: int = 0

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_until_listening(self) -> int:
        deadline = time.monotonic() + START_DEADLINE_S
        while time.monotonic() < deadline:
            match = LISTENING.search(self.log())
            if match:
                self.port = int(match.group(1))
                return self.port
            if self.process.poll() is not None:
                pytest.fail(f"guestvoiced exited with {self.process.returncode} "
                            f"before listening:\n{self.log()}")
            time.sleep(POLL_INTERVAL_S)
        pytest.fail(f"guestvoiced did not log its port within "
                    f"{START_DEADLINE_S}s:\n{self.log()}")

    def wait_for_exit(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"guestvoiced still running after {timeout}s:\n{self.log()}")

    def terminate(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.wait_for_exit(EXIT_DEADLINE_S)


Launcher = Callable[..., Guestvoiced]


@pytest.fixture
def launch(guestvoiced_binary: Path, tmp_path: Path) -> Iterator[Launcher]:
    """Starts guestvoiced with the given flags; kills leftovers at teardown."""
    started: list[Guestvoiced] = []

    def start(*flags: str, data_dir: Path) -> Guestvoiced:
        log_path = tmp_path / f"guestvoiced-{len(started) + 1}.log"
        with log_path.open("wb") as log:
            # A file, not a pipe: a chatty server can never block on a full
            # pipe, and the log can be polled while the process runs.
            # No metrics endpoint unless `flags` ask for one: the default
            # port would collide with servers running side by side.
            process = subprocess.Popen(
                [str(guestvoiced_binary), f"--data_dir={data_dir}",
                 "--metrics_listen=", *flags],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        server = Guestvoiced(process, data_dir, log_path)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait(timeout=EXIT_DEADLINE_S)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    # Not created: guestvoiced must create a missing data dir itself.
    return tmp_path / "data"


@pytest.fixture
def serve(launch: Launcher,
          certificates: Certificates) -> Callable[..., Guestvoiced]:
    """Starts guestvoiced on a free loopback port, with any further flags, and
    waits until it listens."""
    transport = (certificates.server_flags(require_client_certificates=True)
                 if OVER_TLS else [])

    def start(data_dir: Path, *flags: str) -> Guestvoiced:
        server = launch("--listen=127.0.0.1:0", *transport, *flags,
                        data_dir=data_dir)
        server.wait_until_listening()
        return server

    return start


@pytest.fixture
def server(serve: Callable[[Path], Guestvoiced], data_dir: Path) -> Guestvoiced:
    return serve(data_dir)


@pytest.fixture
def grpcurl(grpcurl_binary: Path,
            certificates: Certificates) -> Callable[..., subprocess.CompletedProcess]:
    """Runs grpcurl against a server; returns the finished process."""
    transport = (certificates.grpcurl_flags(certificates.client)
                 if OVER_TLS else ["-plaintext"])

    def run(server: Guestvoiced, *args: str, request: dict | None = None,
            key: str | None = None) -> subprocess.CompletedProcess:
        # -format-error prints a failed call's google.rpc.Status, details
        # included, as JSON on stderr, so errors can be parsed, not grepped.
        command = [str(grpcurl_binary), *transport, "-format-error",
                   "-max-time", "10"]
        if key is not None:
            command += ["-H", f"authorization: Bearer {key}"]
        if request is not None:
            command += ["-d", json.dumps(request)]
        command += [f"127.0.0.1:{server.port}", *args]
        return subprocess.run(command, capture_output=True, text=True,
                              timeout=GRPCURL_DEADLINE_S)

    return run


@pytest.fixture
def call(grpcurl) -> Callable[..., dict]:
    """Calls a method that must succeed; returns its JSON response."""

    def invoke(server: Guestvoiced, method: str, request: dict,
               key: str | None = None) -> dict:
        result = grpcurl(server, method, request=request, key=key)
        assert result.returncode == 0, (
            f"{method} failed ({result.returncode}):\n{result.stderr}")
        return json.loads(result.stdout)

    return invoke


@pytest.fixture
def call_error(grpcurl) -> Callable[..., dict]:
    """Calls a method that must fail; returns its google.rpc.Status as JSON."""

    def invoke(server: Guestvoiced, method: str, request: dict,
               key: str | None = None) -> dict:
        result = grpcurl(server, method, request=request, key=key)
        assert result.returncode > GRPCURL_STATUS_EXIT_OFFSET, (
            f"{method} did not fail with a gRPC status ({result.returncode}):\n"
            f"{result.stdout}{result.stderr}")
        status = json.loads(result.stderr)
        assert result.returncode == GRPCURL_STATUS_EXIT_OFFSET + status["code"]
        return status

    return invoke


def admin_key(data_dir: Path) -> str:
    return (data_dir / "admin-api-key").read_text().strip()


def create_hotel_request(time_zone: str = "Europe/Lisbon") -> dict:
    return {
        "parent": ORGANIZATION,
        "hotel_id": HOTEL_ID,
        "hotel": {"display_name": "Lisbon Riverside", "time_zone": time_zone},
    }


def field_violations(status: dict) -> list[dict]:
    violations = []
    for detail in status.get("details", []):
        if detail["@type"].endswith("/google.rpc.BadRequest"):
            # grpcurl prints proto field names; accept JSON names as well.
            violations += detail.get("field_violations",
                                     detail.get("fieldViolations", []))
    return violations


def tree_snapshot(root: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry under root with its mode and, for files, its bytes."""
    snapshot = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        contents = path.read_bytes() if path.is_file() else None
        snapshot[str(path.relative_to(root))] = (info.st_mode, contents)
    return snapshot


@pytest.mark.parametrize("exists", [False, True], ids=["missing", "empty"])
def test_first_start_writes_owner_only_admin_key(
        serve, data_dir: Path, exists: bool):
    if exists:
        data_dir.mkdir()
    server = serve(data_dir)
    key_file = data_dir / "admin-api-key"
    match = FIRST_START.search(server.log())
    assert match, f"first start does not say where the key is:\n{server.log()}"
    assert Path(match.group(1)) == key_file
    # The key grants full control of the organization: owner-only.
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert re.fullmatch(r"gv_\S+", admin_key(data_dir))


@pytest.mark.parametrize("service", ["", HOTEL_SERVICE, ADMIN_SERVICE])
def test_health_reports_serving(server: Guestvoiced, call, service: str):
    # "" is the whole server; load balancers may also probe each service.
    response = call(server, f"{HEALTH_SERVICE}/Check", {"service": service})
    assert response == {"status": "SERVING"}


def test_reflection_lists_and_describes_services(server: Guestvoiced, grpcurl):
    listed = grpcurl(server, "list")
    assert listed.returncode == 0, listed.stderr
    services = set(listed.stdout.split())
    assert {HOTEL_SERVICE, ADMIN_SERVICE, HEALTH_SERVICE} <= services

    # Health is described only if its descriptor was linked into the server.
    for service, method in [(HEALTH_SERVICE, "Check"),
                            (HOTEL_SERVICE, "CreateHotel")]:
        described = grpcurl(server, "describe", service)
        assert described.returncode == 0, described.stderr
        assert f"{service} is a service" in described.stdout
        assert f"rpc {method} " in described.stdout


def test_create_hotel_needs_admin_key(server: Guestvoiced, call, call_error):
    status = call_error(server, f"{HOTEL_SERVICE}/CreateHotel",
                        create_hotel_request())
    assert status["code"] == UNAUTHENTICATED, status

    # Succeeds (not ALREADY_EXISTS), so the refused call wrote nothing.
    hotel = call(server, f"{HOTEL_SERVICE}/CreateHotel",
                 create_hotel_request(), key=admin_key(server.data_dir))
    assert hotel["name"] == HOTEL_NAME
    assert hotel["time_zone"] == "Europe/Lisbon"


def test_create_hotel_with_bad_time_zone_names_the_field(
        server: Guestvoiced, call_error):
    status = call_error(server, f"{HOTEL_SERVICE}/CreateHotel",
                        create_hotel_request(time_zone="Europe/Atlantis"),
                        key=admin_key(server.data_dir))
    assert status["code"] == INVALID_ARGUMENT, status
    fields = [violation["field"] for violation in field_violations(status)]
    assert fields == ["hotel.time_zone"], status


def test_sigterm_stops_cleanly(server: Guestvoiced):
    assert server.terminate() == 0, server.log()
    assert "stopped cleanly" in server.log()


def test_restart_keeps_data_and_does_not_bootstrap_again(
        serve, data_dir: Path, call):
    first = serve(data_dir)
    key = admin_key(data_dir)
    created = call(first, f"{HOTEL_SERVICE}/CreateHotel",
                   create_hotel_request(), key=key)
    key_file_before = tree_snapshot(data_dir)["admin-api-key"]
    assert first.terminate() == 0, first.log()

    second = serve(data_dir)
    assert not FIRST_START.search(second.log()), second.log()
    assert tree_snapshot(data_dir)["admin-api-key"] == key_file_before
    # The old key still authenticates, and the acknowledged write survived.
    assert call(second, f"{HOTEL_SERVICE}/GetHotel", {"name": HOTEL_NAME},
                key=key) == created
    keys = call(second, f"{ADMIN_SERVICE}/ListApiKeys",
                {"parent": ORGANIZATION}, key=key)
    assert len(keys["api_keys"]) == 1, keys


def test_second_server_on_same_data_dir_is_refused(
        server: Guestvoiced, launch, call):
    intruder = launch("--listen=127.0.0.1:0", data_dir=server.data_dir)
    assert intruder.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    assert re.search(rf"data dir {re.escape(str(server.data_dir))} is in use",
                     intruder.log()), intruder.log()
    # The refused start must not have disturbed the running server.
    response = call(server, f"{HEALTH_SERVICE}/Check", {"service": ""})
    assert response == {"status": "SERVING"}


def test_plaintext_on_non_loopback_address_is_refused(launch, data_dir: Path):
    refused = launch("--listen=0.0.0.0:0", data_dir=data_dir)
    assert refused.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    log = refused.log()
    assert "--tls_cert_file" in log and "--allow_insecure_non_loopback" in log, log
    # Refused before touching the disk.
    assert not data_dir.exists()


@pytest.mark.parametrize("flag, value, refusal", [
    ("--cluster_linger", "-1ms", "--cluster_linger must be between 0 and 1s"),
    ("--cluster_linger", "2s", "--cluster_linger must be between 0 and 1s"),
    ("--cluster_session_timeout", "5s",
     "--cluster_session_timeout must be between 6s and 5m"),
    ("--cluster_session_timeout", "6m",
     "--cluster_session_timeout must be between 6s and 5m"),
])
def test_a_cluster_flag_out_of_range_refuses_the_start(
        launch, data_dir: Path, flag: str, value: str, refusal: str):
    # Checked with the other cluster flags, before any broker is asked.
    refused = launch("--listen=127.0.0.1:0", "--cluster_brokers=127.0.0.1:9",
                     "--cluster_node_id=node-a", "--advertise=127.0.0.1:1",
                     f"{flag}={value}", data_dir=data_dir)
    assert refused.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    assert refusal in refused.log(), refused.log()
    assert not data_dir.exists()


def test_help_documents_listen_and_data_dir(launch, data_dir: Path):
    helped = launch("--help", data_dir=data_dir)
    helped.wait_for_exit(REFUSAL_DEADLINE_S)
    assert "--listen" in helped.log() and "--data_dir" in helped.log()
    assert not data_dir.exists()


def test_help_says_metrics_are_served_on_loopback_by_default(
        launch, data_dir: Path):
    helped = launch("--help", data_dir=data_dir)
    assert helped.wait_for_exit(REFUSAL_DEADLINE_S) == 0
    flag = helped.log()[helped.log().index("--metrics_listen"):]
    assert 'default: "127.0.0.1:9464"' in flag[:flag.index("\n    --")], flag


@pytest.mark.parametrize("flag", ["--listen", "--metrics_listen"])
def test_a_port_in_use_refuses_the_start_before_the_data_dir_exists(
        launch, data_dir: Path, flag: str):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        flags = {"--listen": "127.0.0.1:0", "--metrics_listen": ""}
        flags[flag] = address
        refused = launch(*(f"{name}={value}" for name, value in flags.items()),
                         data_dir=data_dir)
        assert refused.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    assert f"{flag}={address}" in refused.log(), refused.log()
    assert "already in use" in refused.log(), refused.log()
    assert not data_dir.exists()


def test_a_bad_backup_dir_refuses_the_start_before_the_data_dir_exists(
        launch, data_dir: Path, tmp_path: Path):
    (tmp_path / "file").write_text("a regular file\n")
    refused = launch("--listen=127.0.0.1:0",
                     f"--backup_dir={tmp_path / 'file' / 'backups'}",
                     data_dir=data_dir)
    assert refused.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    assert "cannot create" in refused.log(), refused.log()
    assert not data_dir.exists()


def test_help_exits_zero(launch, data_dir: Path):
    helped = launch("--help", data_dir=data_dir)
    assert helped.wait_for_exit(REFUSAL_DEADLINE_S) == 0


def test_version_names_release_revision_schema_and_libraries(
        launch, data_dir: Path, server: Guestvoiced, call):
    versioned = launch("--version", data_dir=data_dir / "unused")
    assert versioned.wait_for_exit(REFUSAL_DEADLINE_S) == 0
    printed = versioned.log()
    assert printed.startswith("guestvoiced "), printed
    lines = dict(line.split(": ", 1) for line in printed.splitlines()[1:])
    assert set(lines) == {"git revision", "schema version", "grpc", "protobuf",
                          "rocksdb"}, printed
    assert re.fullmatch(r"[0-9a-f]{12}(-dirty)?|unknown", lines["git revision"])
    assert not (data_dir / "unused").exists()

    # The admin service reports the same versions.
    info = call(server, f"{ADMIN_SERVICE}/GetServerInfo", {},
                key=admin_key(data_dir))
    versions = info["versions"]
    assert printed.splitlines()[0] == f"guestvoiced {versions['guestvoice']}"
    assert lines["git revision"] == versions["git_revision"]
    assert lines["schema version"] == str(versions["schema_version"])
    assert lines["rocksdb"] == versions["rocksdb"]
    assert int(info["store_size_bytes"]) > 0


def test_foreign_data_dir_is_refused_and_left_untouched(launch, data_dir: Path):
    data_dir.mkdir()
    (data_dir / "notes.txt").write_text("someone else's files\n")
    before = tree_snapshot(data_dir)

    refused = launch("--listen=127.0.0.1:0", data_dir=data_dir)
    assert refused.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    assert "refusing to use another program's directory" in refused.log()
    assert tree_snapshot(data_dir) == before


STORE_DATA = Path(__file__).parent / "data"
UPGRADED = re.compile(r"upgraded the store from schema version (\d+) to 8: "
                      r"rebuilt the pre-aggregates of (\d+) feedback items, "
                      r"deleted (\d+) case-index entries of open items, "
                      r"put (\d+) attention-queue entries, "
                      r"recounted (\d+) repeats")


def _same_figures(expected, actual, where: str = "") -> None:
    """Equal, with doubles equal to the last few bits: voices are now summed
    in a fixed order, so a mean may differ from the old build's in its last
    bit, never more."""
    if isinstance(expected, float) or isinstance(actual, float):
        assert actual == pytest.approx(expected, rel=1e-12, abs=1e-15), where
    elif isinstance(expected, dict) and isinstance(actual, dict):
        assert expected.keys() == actual.keys(), where
        for key in expected:
            _same_figures(expected[key], actual[key], f"{where}.{key}")
    elif isinstance(expected, list) and isinstance(actual, list):
        assert len(expected) == len(actual), where
        for i, (e, a) in enumerate(zip(expected, actual)):
            _same_figures(e, a, f"{where}[{i}]")
    else:
        assert expected == actual, where


def _old_store(tmp_path: Path, store: str, answers: str):
    """Unpacks tests/e2e/data/`store` (a data dir an older build wrote) into
    tmp_path; returns the data dir, its admin key and the recorded answers."""
    with tarfile.open(STORE_DATA / store) as archive:
        archive.extractall(tmp_path)
    data_dir = tmp_path / "data"
    key = (data_dir / "admin-api-key").read_text().strip()
    return data_dir, key, json.loads((STORE_DATA / answers).read_text())


def _verified(data_dir: Path) -> str:
    """guestvoice-verify's report on data_dir, which must pass."""
    verify = subprocess.run(
        [os.environ["GUESTVOICE_VERIFY"], f"--data_dir={data_dir}"],
        capture_output=True, text=True, timeout=GRPCURL_DEADLINE_S)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    return verify.stdout


def test_schema_1_store_is_upgraded_on_start_and_answers_from_its_items(
        serve, call, tmp_path: Path):
    # A store written by the last schema-1 build (tests/e2e/data/README.md).
    data_dir, key, recorded = _old_store(tmp_path, "schema1_store.tar.gz",
                                         "schema1_insights.json")

    upgraded = serve(data_dir)
    match = UPGRADED.search(upgraded.log())
    # Schema 1 kept a case-index entry for every open item, as schema 3 did;
    # 25 items are negative, open and no repeat. Its authors posted the same
    # words about both hotels and with other ratings: 34 of those count now.
    assert match and match.groups() == ("1", "120", "120", "25", "34"), upgraded.log()
    assert len(_recounted(call, upgraded, key)) == 34
    # Every recorded query moved (guestvoice-verify checks the figures below).
    answers = {name: call(upgraded, query["method"], query["request"], key=key)
               for name, query in recorded.items()}
    assert upgraded.terminate() == 0

    # Upgraded once: the next start serves the same answers without a rebuild.
    restarted = serve(data_dir)
    assert not UPGRADED.search(restarted.log()), restarted.log()
    for name, query in recorded.items():
        _same_figures(answers[name],
                      call(restarted, query["method"], query["request"], key=key),
                      name)
    assert restarted.terminate() == 0

    report = _verified(data_dir)
    assert "120 feedback items" in report
    assert report.rstrip().endswith(" 0 differences"), report


# Figures that count voices, mentions and feedback: repeats recounted on the
# upgrade to schema 7 move them (guestvoice-verify checks them against the
# items instead).
FIGURE_METHODS = {f"guestvoice.v1.InsightService/{method}" for method in (
    "GetHotelSummary", "CompareHotels", "GetSentimentTrend", "ListTopIssues",
    "GetLoyaltyInsights")}


def _all_feedback(call, server, key: str) -> list[dict]:
    items, token = [], ""
    while True:
        page = call(server, f"{FEEDBACK_SERVICE}/ListFeedback",
                    {"parent": ORGANIZATION, "page_size": 100, "page_token": token}, key=key)
        items += page.get("feedback", [])
        token = page.get("next_page_token", "")
        if not token:
            return items


def _received(item: dict) -> tuple:
    """An item's receive time, comparable whatever its fractional digits."""
    seconds, _, fraction = item["receive_time"].rstrip("Z").partition(".")
    return seconds, int(fraction.ljust(9, "0") or 0), item["name"]


def _recounted(call, server, key: str) -> set[str]:
    """Checks that every item's repeat mark follows schema 7's rule (the
    first received of an author's same words about the same hotel with the
    same rating counts) and returns the names of the items schema 6's rule
    (same author and words) marked otherwise. Items without words keep
    theirs."""

    def marks(items: list[dict], same_post) -> dict[str, bool]:
        seen, repeat = set(), {}
        for item in sorted(items, key=_received):
            post = same_post(item)
            repeat[item["name"]] = post in seen
            seen.add(post)
        return repeat

    def author(item: dict) -> tuple:
        handle = item["author"]["handle"].strip()
        if item["source"] != "SOURCE_EMAIL" and handle.startswith("@"):
            handle = handle[1:]
        return item["source"], handle.lower()

    def words(item: dict) -> str:
        return " ".join(item["text"].split()).lower()

    items = [item for item in _all_feedback(call, server, key)
             if item.get("text", "").strip() and item["author"].get("handle")]
    new = marks(items, lambda item: (author(item), item["hotel"],
                                     json.dumps(item.get("rating"), sort_keys=True),
                                     words(item)))
    old = marks(items, lambda item: (author(item), words(item)))
    for item in items:
        assert item.get("repeat", False) == new[item["name"]], item["external_id"]
    return {name for name in new if new[name] != old[name]}


def _same_recorded_answers(call, server, recorded, key: str,
                           recounted: set[str] = frozenset()) -> None:
    """The server answers each recorded query as the old build did, but for
    the `recounted` items (_recounted): their repeat marks are the new rule's,
    those now counted join the attention queue, and figures are not compared
    when any moved."""
    for name, query in recorded.items():
        if recounted and query["method"] in FIGURE_METHODS:
            continue
        actual = call(server, query["method"], query["request"], key=key)
        expected = json.loads(json.dumps(query["response"]))
        if "items" in actual:  # the attention queue
            actual["items"] = [item for item in actual["items"]
                               if item["feedback"]["name"] not in recounted]
            if "next_page_token" in actual:
                # The items counted now took places on this page.
                expected["items"] = expected["items"][:len(actual["items"])]
        for item in expected.get("feedback", []):
            if item["name"] in recounted:
                item["repeat"] = not item.get("repeat", False)
                if not item["repeat"]:
                    del item["repeat"]
        # A page token names the index it continues: only its presence can
        # match.
        assert ("next_page_token" in actual) == (
            "next_page_token" in expected), name
        actual.pop("next_page_token", None)
        expected.pop("next_page_token", None)
        _same_figures(expected, actual, name)


def test_schema_3_store_is_upgraded_on_start_and_lists_cases_as_before(
        serve, call, grpcurl, tmp_path: Path):
    # A store written by the last schema-3 build (tests/e2e/data/README.md),
    # which kept a case-index entry for every open item.
    data_dir, key, recorded = _old_store(tmp_path, "schema3_store.tar.gz",
                                         "schema3_answers.json")

    upgraded = serve(data_dir)
    match = UPGRADED.search(upgraded.log())
    # 47 of the 60 items are open, 12 of those negative and no repeat: the
    # attention queue the recorded answers list. The aggregates layout was
    # current. 4 repeats were the same words about the other hotel.
    assert match and match.groups() == ("3", "0", "47", "12", "4"), upgraded.log()
    recounted = _recounted(call, upgraded, key)
    assert len(recounted) == 4

    def same_answers(server: Guestvoiced) -> None:
        _same_recorded_answers(call, server, recorded, key, recounted)

    same_answers(upgraded)
    # The first page's token from before the upgrade named an entry of the
    # deleted index: refused, not misread. Today's continues the listing.
    page = recorded["list_open_page"]
    old_token = grpcurl(upgraded, page["method"], key=key, request={
        **page["request"], "page_token": page["response"]["next_page_token"]})
    assert old_token.returncode != 0
    assert json.loads(old_token.stderr)["code"] == 3, old_token.stderr  # INVALID_ARGUMENT
    first = call(upgraded, page["method"], page["request"], key=key)
    second = call(upgraded, page["method"], key=key, request={
        **page["request"], "page_token": first["next_page_token"]})
    open_names = [item["name"] for item in
                  recorded["list_open"]["response"]["feedback"]]
    assert [item["name"] for item in second["feedback"]] == open_names[5:10]
    assert upgraded.terminate() == 0

    restarted = serve(data_dir)
    assert not UPGRADED.search(restarted.log()), restarted.log()
    same_answers(restarted)
    assert restarted.terminate() == 0

    report = _verified(data_dir)
    assert "60 feedback items" in report


def test_schema_4_store_gains_its_attention_queue_index_on_start(
        serve, call, tmp_path: Path):
    # A store written by the last schema-4 build (tests/e2e/data/README.md),
    # which read the attention queue from every item of the organization.
    data_dir, key, recorded = _old_store(tmp_path, "schema4_store.tar.gz",
                                         "schema4_answers.json")

    upgraded = serve(data_dir)
    match = UPGRADED.search(upgraded.log())
    # Nothing of schema 4 is deleted or rebuilt; the 12 items of the recorded
    # queue gain their entries. 4 repeats were the same words about the other
    # hotel, and count now.
    assert match and match.groups() == ("4", "0", "0", "12", "4"), upgraded.log()
    recounted = _recounted(call, upgraded, key)
    assert len(recounted) == 4
    _same_recorded_answers(call, upgraded, recorded, key, recounted)
    # Queue positions did not change: a page token from before the upgrade
    # continues the queue where it left off (with the items counted now in
    # their places), and so does a listing's.
    for page_name, whole_name, field in [("attention_page", "attention", "items"),
                                         ("list_open_page", "list_open", "feedback")]:
        page = recorded[page_name]
        second_page = {"method": page["method"], "request": {
            **page["request"], "page_token": page["response"]["next_page_token"]},
            "response": {field: recorded[whole_name]["response"][field][5:10],
                         "next_page_token": "more"}}
        _same_recorded_answers(call, upgraded, {page_name: second_page}, key, recounted)
    assert upgraded.terminate() == 0

    restarted = serve(data_dir)
    assert not UPGRADED.search(restarted.log()), restarted.log()
    _same_recorded_answers(call, restarted, recorded, key, recounted)
    assert restarted.terminate() == 0

    report = _verified(data_dir)
    assert "60 feedback items" in report
    # The 12 of schema 4 and 2 complaints about the other hotel counted now.
    assert "14 attention entries checked" in report, report


def test_schema_5_store_lists_low_ratings_without_scored_words_once_upgraded(
        serve, call, tmp_path: Path):
    # A store written by the last schema-5 build (tests/e2e/data/README.md),
    # whose attention queue listed scored texts only.
    data_dir, key, recorded = _old_store(tmp_path, "schema5_store.tar.gz",
                                         "schema5_answers.json")

    upgraded = serve(data_dir)
    match = UPGRADED.search(upgraded.log())
    # The 3 entries of schema 5 put again, and 5 new: the ratings of 1 and 2
    # of 5 and 3 of 10 without words, the Chinese text rated 1 of 5, and
    # Gold guest Max's 1 of 5. Not the 5 of 5, the resolved case, the
    # Chinese text without a rating, nor the erased guest's 1 of 5.
    assert match and match.groups() == ("5", "0", "0", "8", "0"), upgraded.log()
    _same_figures(recorded["summary_lisbon"]["response"],
                  call(upgraded, recorded["summary_lisbon"]["method"],
                       recorded["summary_lisbon"]["request"], key=key),
                  "aggregates are untouched")

    attention = recorded["attention"]
    queue = call(upgraded, attention["method"], attention["request"],
                 key=key)["items"]
    by_id = {item["feedback"]["external_id"]: item for item in queue}
    # Severity bands first: 9 (newest day first), 7, 5, 4, 1.
    assert list(by_id) == ["r13", "r9", "r4", "r11", "r7", "r5", "r1", "r14"]
    assert [by_id[i]["severity"] for i in ["r13", "r9", "r4", "r7", "r5"]] == [
        1, 1, 1, pytest.approx(1 - 2 * 2 / 9), 0.5]
    assert by_id["r13"]["loyalty_tier"] == "gold"
    assert "text" not in by_id["r4"]["feedback"], "a rating without words"
    assert by_id["r9"]["feedback"]["analysis"]["not_scored_reason"] == (
        "NOT_SCORED_REASON_LANGUAGE_UNSUPPORTED")
    # What schema 5 listed is listed as it was.
    for item in attention["response"]["items"]:
        _same_figures(item, by_id[item["feedback"]["external_id"]], "attention")
    # A page token from before the upgrade resumes after its last item's
    # place (r1's), which did not move.
    page = recorded["attention_page"]
    rest = call(upgraded, page["method"], key=key, request={
        **page["request"], "page_token": page["response"]["next_page_token"]})
    assert [item["feedback"]["external_id"] for item in rest["items"]] == ["r14"]

    # Max's 1 of 5 without words makes his complaints two.
    loyalty = call(upgraded, recorded["loyalty"]["method"],
                   recorded["loyalty"]["request"], key=key)
    [max_before] = recorded["loyalty"]["response"]["guests_at_risk"]
    [max_after] = loyalty["guests_at_risk"]
    assert max_after["guest"] == max_before["guest"]
    assert set(max_after["feedback"]) == {*max_before["feedback"],
                                          by_id["r13"]["feedback"]["name"]}
    assert upgraded.terminate() == 0

    restarted = serve(data_dir)
    assert not UPGRADED.search(restarted.log()), restarted.log()
    assert call(restarted, attention["method"], attention["request"],
                key=key)["items"] == queue
    assert restarted.terminate() == 0

    report = _verified(data_dir)
    assert "14 feedback items" in report
    assert "8 attention entries checked" in report, report


def _answers_alike_after_a_restart(serve, call, upgraded, data_dir: Path, key: str,
                                   recorded: dict) -> None:
    """Stops `upgraded` and starts the store again: no second upgrade, and
    each recorded query answered as `upgraded` answered it."""
    answers = {name: call(upgraded, query["method"], query["request"], key=key)
               for name, query in recorded.items()}
    assert upgraded.terminate() == 0
    restarted = serve(data_dir)
    assert not UPGRADED.search(restarted.log()), restarted.log()
    for name, query in recorded.items():
        assert call(restarted, query["method"], query["request"], key=key) == answers[name], name
    assert restarted.terminate() == 0


def test_schema_6_store_counts_the_same_words_about_another_hotel_once_upgraded(
        serve, call, tmp_path: Path):
    # A store written by the last schema-6 build (tests/e2e/data/README.md),
    # where the same author's same words were a repeat at any hotel and with
    # any rating.
    data_dir, key, recorded = _old_store(tmp_path, "schema6_store.tar.gz",
                                         "schema6_answers.json")

    upgraded = serve(data_dir)
    match = UPGRADED.search(upgraded.log())
    # Ana's Tokyo post, Ben's 1 of 5, Cai's and Eve's Tokyo posts count now.
    assert match and match.groups() == ("6", "0", "0", "0", "4"), upgraded.log()

    def ask(name):
        query = recorded[name]
        return call(upgraded, query["method"], query["request"], key=key)

    def by_id(items, field="external_id"):
        return {item[field]: item for item in items}

    before = by_id(recorded["feedback"]["response"]["feedback"])
    after = by_id(ask("feedback")["feedback"])
    assert after.keys() == before.keys()
    newly_counted = {"r2", "r5", "r7", "r11"}
    for external_id, item in before.items():
        # Nothing else of an item changes; a repeat is one of the same words
        # about the same hotel with the same rating (Fay's erased Tokyo item
        # has no words left, and keeps its mark).
        assert after[external_id].pop("repeat", False) == (
            external_id in {"r3", "r9", "r13"}), external_id
        was_repeat = item.pop("repeat", False)
        assert was_repeat == (external_id in newly_counted | {"r3", "r9", "r13"})
        _same_figures(item, after[external_id], external_id)

    # Tokyo hears Ana, Cai and Eve; Lisbon counts Ben's 1 of 5, and Ben is
    # still one voice there.
    tokyo = ask("summary_tokyo")["current"]
    assert recorded["summary_tokyo"]["response"]["current"] == {}
    assert (tokyo["voice_count"], tokyo["feedback_count"]) == ("3", "3")
    lisbon, lisbon_before = (ask("summary_lisbon")["current"],
                             recorded["summary_lisbon"]["response"]["current"])
    assert lisbon["voice_count"] == lisbon_before["voice_count"] == "7"
    assert (lisbon_before["feedback_count"], lisbon["feedback_count"]) == ("8", "9")

    # Cai's filthy Tokyo room is a complaint of its own, and Ben's 1 of 5
    # is in the queue with his first review.
    queue = [item["feedback"]["external_id"] for item in ask("attention")["items"]]
    assert sorted(queue) == ["r4", "r5", "r6", "r7", "r8"]
    old_queue = [item["feedback"]["external_id"]
                 for item in recorded["attention"]["response"]["items"]]
    assert [i for i in queue if i in old_queue] == old_queue
    issues = by_id(ask("top_issues")["issues"], "aspect")
    issues_before = by_id(recorded["top_issues"]["response"]["issues"], "aspect")
    assert (issues_before["cleanliness"]["negative_voice_count"],
            issues["cleanliness"]["negative_voice_count"]) == ("2", "3")
    _answers_alike_after_a_restart(serve, call, upgraded, data_dir, key, recorded)

    report = _verified(data_dir)
    assert "15 feedback items" in report
    assert "5 attention entries checked" in report, report


# The tail of UPGRADED's line that tells what schema 8's handle spelling did.
RESPELLED = re.compile(r"recounted \d+ repeats; spelled handles anew: "
                       r"moved (\d+) authors, merged (\d+) \((\d+) of them "
                       r"linked to another guest\); respelled (\d+) identities, "
                       r"merged (\d+), gave (\d+) to another guest")


def test_schema_7_store_counts_each_handle_once_however_it_was_typed(
        serve, call, tmp_path: Path):
    # A store written by the last schema-7 build (tests/e2e/data/README.md),
    # which lower-cased ASCII letters only: "José Silva", "JOSÉ SILVA" and
    # "Jose\u0301 Silva" were three authors, "ÉLODIE M" was guest Élodie's
    # ("Élodie m") and "élodie m" nobody's.
    data_dir, key, recorded = _old_store(tmp_path, "schema7_store.tar.gz",
                                         "schema7_answers.json")

    upgraded = serve(data_dir)
    log = upgraded.log()
    match, respelled = UPGRADED.search(log), RESPELLED.search(log)
    # JOSÉ SILVA's second "Dirty room." is a repeat now.
    assert match and match.groups() == ("7", "0", "0", "0", "1"), log
    # Authors: "Ana\u00a0B" moved to "ana b"; "JOSÉ SILVA" and
    # "Jose\u0301 Silva" merged into "josé silva", "Élodie m" and Élodie's
    # author "e\u0301lodie m" into "élodie m"; "Ümit k", Ümit's, into
    # "ümit k", Umay's, who holds the handle now. Identities: Élodie's two
    # are one, "élodie m"; Ümit loses "Ümit k", as Umay holds "ümit k".
    assert respelled and respelled.groups() == ("1", "5", "1", "1", "1", "1"), log

    def ask(name):
        query = recorded[name]
        return call(upgraded, query["method"], query["request"], key=key)

    def lookup(handle):
        return call(upgraded, "guestvoice.v1.LoyaltyService/LookupGuest", key=key, request={
            "parent": ORGANIZATION, "identity": {
                "kind": "IDENTITY_KIND_HANDLE", "value": handle,
                "source": "SOURCE_TRIPADVISOR"}})

    elodie = recorded["lookup_elodie"]["response"]
    umit = recorded["lookup_umit"]["response"]
    umay = recorded["lookup_umay"]["response"]
    before = {item["external_id"]: item
              for item in recorded["feedback"]["response"]["feedback"]}
    after = {item["external_id"]: item for item in ask("feedback")["feedback"]}
    assert after.keys() == before.keys()
    assert before["t7"].get("guest") is None
    for external_id, item in before.items():
        # The second "Dirty room." is the only repeat; "élodie m"'s review is
        # Élodie's now, and "ÜMIT K"'s Umay's; nothing else of an item changes
        # (handles are kept as typed).
        assert after[external_id].pop("repeat", False) == (external_id == "t2")
        assert "repeat" not in item, external_id
        if external_id == "t7":
            assert after["t7"].pop("guest") == elodie["name"]
        if external_id == "t8":
            assert item.pop("guest") == umit["name"]
            assert after["t8"].pop("guest") == umay["name"]
        _same_figures(item, after[external_id], external_id)
    assert after["t6"]["guest"] == elodie["name"]
    assert after["t9"]["guest"] == umay["name"]

    # One voice for José's three spellings, one for Élodie's two authors and
    # one for the two spellings of "ümit k": 5 voices (José, Ana, Marta,
    # Élodie, Umay) where schema 7 heard 9, and 8 items counted.
    summary, summary_before = (ask("summary")["current"],
                               recorded["summary"]["response"]["current"])
    assert (summary_before["voice_count"], summary_before["feedback_count"]) == ("9", "9")
    assert (summary["voice_count"], summary["feedback_count"]) == ("5", "8")

    # Élodie is found by her handle however it is typed, and holds it once.
    for handle in ["ÉLODIE M", "élodie m", "E\u0301lodie M"]:
        found = lookup(handle)
        assert found["name"] == elodie["name"], handle
        assert [identity["value"] for identity in found["identities"]] == ["élodie m"]
    # "Ümit k" and "ümit k" are one handle, which Umay held first in the
    # index: she keeps it, Ümit loses it, and "ÜMIT K" finds her.
    assert lookup("ümit k") == umay
    assert lookup("ÜMIT K") == umay
    without_handle = {field: value for field, value in umit.items()
                      if field != "identities"}
    assert call(upgraded, "guestvoice.v1.LoyaltyService/GetGuest", {"name": umit["name"]},
                key=key) == without_handle
    _answers_alike_after_a_restart(serve, call, upgraded, data_dir, key, recorded)

    report = _verified(data_dir)
    assert "9 feedback items" in report
    assert report.rstrip().endswith(" 0 differences"), report


def _health_check(grpcurl_binary: Path, server: Guestvoiced,
                  *transport: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(grpcurl_binary), *transport, "-max-time", "10",
         f"127.0.0.1:{server.port}", f"{HEALTH_SERVICE}/Check"],
        capture_output=True, text=True, timeout=GRPCURL_DEADLINE_S)


def test_tls_server_serves_tls_clients_only(
        launch, data_dir: Path, certificates: Certificates,
        grpcurl_binary: Path):
    server = launch("--listen=127.0.0.1:0",
                    *certificates.server_flags(require_client_certificates=False),
                    data_dir=data_dir)
    server.wait_until_listening()
    served = _health_check(grpcurl_binary, server,
                           *certificates.grpcurl_flags(None))
    assert served.returncode == 0 and "SERVING" in served.stdout, served.stderr
    plaintext = _health_check(grpcurl_binary, server, "-plaintext")
    assert plaintext.returncode != 0, plaintext.stdout


def test_mutual_tls_refuses_clients_without_a_trusted_certificate(
        launch, data_dir: Path, certificates: Certificates,
        grpcurl_binary: Path):
    server = launch("--listen=127.0.0.1:0",
                    *certificates.server_flags(require_client_certificates=True),
                    data_dir=data_dir)
    server.wait_until_listening()
    trusted = _health_check(grpcurl_binary, server,
                            *certificates.grpcurl_flags(certificates.client))
    assert trusted.returncode == 0 and "SERVING" in trusted.stdout, trusted.stderr
    for client in (None, certificates.stranger):
        refused = _health_check(grpcurl_binary, server,
                                *certificates.grpcurl_flags(client))
        assert refused.returncode != 0, (client, refused.stdout)
    assert "SERVING" in _health_check(
        grpcurl_binary, server,
        *certificates.grpcurl_flags(certificates.client)).stdout


def test_client_authorities_without_a_server_certificate_are_refused(
        launch, data_dir: Path, certificates: Certificates):
    refused = launch("--listen=127.0.0.1:0",
                     f"--tls_client_ca_file={certificates.authority}",
                     data_dir=data_dir)
    assert refused.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    assert "--tls_client_ca_file needs --tls_cert_file" in refused.log()
    assert not data_dir.exists()


def ingest_request(external_id: str) -> dict:
    return {
        "parent": ORGANIZATION,
        "feedback": {"hotel": HOTEL_NAME, "source": "SOURCE_SURVEY",
                     "external_id": external_id,
                     "author": {"handle": f"respondent-{external_id}"},
                     "text": "Friendly staff, but a noisy room.",
                     "post_time": "2026-01-10T09:00:00Z"},
    }


def listed_external_ids(server: Guestvoiced, call, key: str) -> set[str]:
    listed = call(server, f"{FEEDBACK_SERVICE}/ListFeedback",
                  {"parent": ORGANIZATION, "page_size": 1000}, key=key)
    return {item["external_id"] for item in listed.get("feedback", [])}


def test_backup_restore_round_trip(launch, serve, tmp_path: Path,
                                   data_dir: Path, call, call_error):
    backup_dir = tmp_path / "backups"
    server = serve(data_dir, f"--backup_dir={backup_dir}",
                   "--backup_retention=2")
    key = admin_key(data_dir)
    call(server, f"{HOTEL_SERVICE}/CreateHotel", create_hotel_request(), key=key)
    for n in range(5):
        call(server, f"{FEEDBACK_SERVICE}/IngestFeedback",
             ingest_request(f"before-{n}"), key=key)
    backup = call(server, f"{ADMIN_SERVICE}/CreateBackup", {}, key=key)
    assert backup["name"] == "backups/1"
    assert backup["schema_version"] > 0 and int(backup["size_bytes"]) > 0
    call(server, f"{FEEDBACK_SERVICE}/IngestFeedback", ingest_request("after"),
         key=key)
    listed = call(server, f"{ADMIN_SERVICE}/ListBackups", {}, key=key)
    assert [b["name"] for b in listed["backups"]] == ["backups/1"]

    # Restoring over the live data dir is refused; the server keeps serving.
    refused = launch("--restore_from=1", f"--backup_dir={backup_dir}",
                     data_dir=data_dir)
    assert refused.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    assert "is not empty" in refused.log(), refused.log()
    assert "after" in listed_external_ids(server, call, key)

    restored_dir = tmp_path / "restored"
    restore = launch("--restore_from=1", f"--backup_dir={backup_dir}",
                     data_dir=restored_dir)
    assert restore.wait_for_exit(EXIT_DEADLINE_S) == 0, restore.log()
    assert server.terminate() == 0

    verify = subprocess.run(
        [os.environ["GUESTVOICE_VERIFY"], f"--data_dir={restored_dir}"],
        capture_output=True, text=True, timeout=EXIT_DEADLINE_S)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    restored = serve(restored_dir)
    assert listed_external_ids(restored, call, key) == {
        f"before-{n}" for n in range(5)}


def test_a_backup_dir_in_use_by_another_server_is_refused_at_start(
        launch, serve, tmp_path: Path, data_dir: Path, call):
    # A restore drill beside production: the restored copy has the origin's
    # store id, and the two would hand out the same backup ids.
    backup_dir = tmp_path / "backups"
    origin = serve(data_dir, f"--backup_dir={backup_dir}")
    call(origin, f"{ADMIN_SERVICE}/CreateBackup", {}, key=admin_key(data_dir))
    restored_dir = tmp_path / "restored"
    restore = launch("--restore_from=1", f"--backup_dir={backup_dir}",
                     data_dir=restored_dir)
    assert restore.wait_for_exit(EXIT_DEADLINE_S) == 0, restore.log()

    drill = launch("--listen=127.0.0.1:0", f"--backup_dir={backup_dir}",
                   data_dir=restored_dir)
    assert drill.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    assert "in use by another guestvoiced" in drill.log(), drill.log()
    # A new server is refused before a store is created for it.
    fresh = launch("--listen=127.0.0.1:0", f"--backup_dir={backup_dir}",
                   data_dir=tmp_path / "fresh")
    assert fresh.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    assert "in use by another guestvoiced" in fresh.log(), fresh.log()
    assert not (tmp_path / "fresh").exists()
    listed = call(origin, f"{ADMIN_SERVICE}/ListBackups", {},
                  key=admin_key(data_dir))
    assert [b["name"] for b in listed["backups"]] == ["backups/1"]
    assert origin.terminate() == 0


def test_another_stores_backup_dir_is_refused_at_start(
        launch, serve, tmp_path: Path, data_dir: Path, call):
    backup_dir = tmp_path / "backups"
    first = serve(data_dir, f"--backup_dir={backup_dir}")
    call(first, f"{ADMIN_SERVICE}/CreateBackup", {}, key=admin_key(data_dir))
    assert first.terminate() == 0

    other = launch("--listen=127.0.0.1:0", f"--backup_dir={backup_dir}",
                   data_dir=tmp_path / "other")
    assert other.wait_for_exit(REFUSAL_DEADLINE_S) != 0
    assert "backups of another store" in other.log(), other.log()
    # Refused before a store was created for it.
    assert not (tmp_path / "other").exists()



@pytest.mark.parametrize("log_flags", [
    [], ["--log_format=json", "--log_sample_rate=1"]], ids=["text", "json"])
def test_logs_hold_no_key_contact_handle_or_feedback_text(
        serve, data_dir: Path, call, call_error, log_flags: list[str]):
    server = serve(data_dir, *log_flags)
    key = admin_key(data_dir)
    email, phone, handle = "ana.silva@example.com", "+351912345678", "@ana_travels"
    text = "The concierge Marta found our lost passport."
    call(server, f"{HOTEL_SERVICE}/CreateHotel", create_hotel_request(), key=key)
    guest = call(server, "guestvoice.v1.LoyaltyService/CreateGuest",
                 {"parent": ORGANIZATION, "guest": {"display_name": "Ana"}},
                 key=key)
    for identity in [{"kind": "IDENTITY_KIND_EMAIL", "value": email},
                     {"kind": "IDENTITY_KIND_PHONE", "value": phone},
                     {"kind": "IDENTITY_KIND_HANDLE", "value": handle,
                      "source": "SOURCE_TRIPADVISOR"}]:
        call(server, "guestvoice.v1.LoyaltyService/LinkIdentity",
             {"guest": guest["name"], "identity": identity}, key=key)
    request = ingest_request("review-1")
    request["feedback"].update(source="SOURCE_TRIPADVISOR",
                               author={"handle": handle}, text=text)
    call(server, f"{FEEDBACK_SERVICE}/IngestFeedback", request, key=key)
    # Refused calls too: a revoked-looking key and a bad field value.
    call_error(server, f"{HOTEL_SERVICE}/ListHotels",
               {"parent": ORGANIZATION}, key=key + "x")
    call_error(server, "guestvoice.v1.LoyaltyService/LinkIdentity",
               {"guest": guest["name"],
                "identity": {"kind": "IDENTITY_KIND_EMAIL",
                             "value": "not an e-mail " + email}}, key=key)
    assert server.terminate() == 0

    log = server.log()
    for secret in [key, email, phone, handle, text]:
        assert secret not in log, f"the server log holds {secret!r}:\n{log}"
    if log_flags:
        check_json_log(log)


def check_json_log(log: str) -> None:
    """Every line is one JSON object with a time and a level; at sample rate 1
    every call has a line with its method, organization, request id, status
    and duration, the failed ones too."""
    lines = [json.loads(line) for line in log.splitlines()]
    for line in lines:
        assert {"time", "level"} <= line.keys(), line
    calls = [line for line in lines if line.get("msg") == "call"]
    for line in calls:
        assert {"method", "organization", "request_id", "status",
                "duration_ms"} <= line.keys(), line
    methods = {(line["method"], line["status"]) for line in calls}
    assert (f"{FEEDBACK_SERVICE}/IngestFeedback", "OK") in methods, calls
    assert (f"{HOTEL_SERVICE}/ListHotels", "UNAUTHENTICATED") in methods, calls
    assert ("guestvoice.v1.LoyaltyService/LinkIdentity",
            "INVALID_ARGUMENT") in methods, calls
