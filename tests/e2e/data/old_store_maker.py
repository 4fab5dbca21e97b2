"""What the make_schema*_store.py scripts share: run a guestvoiced built from an
old commit on a fresh data directory, call it with grpcurl, and save the store
(as a tarball) with the answers it gave (as JSON) next to the scripts.

Only for making test data by hand; nothing in the test suite imports it.
"""
import json
import os
import re
import signal
import subprocess
import tempfile
import time

ORG = "organizations/default"
OUT = os.path.dirname(os.path.abspath(__file__))


class OldServer:
    """A guestvoiced on 127.0.0.1 (a free port) over a new data directory."""

    def __init__(self, binary):
        self._work = tempfile.mkdtemp()
        self._data = os.path.join(self._work, "data")
        log = open(os.path.join(self._work, "log"), "w+")
        self._proc = subprocess.Popen(
            [binary, "--listen=127.0.0.1:0", "--metrics_listen=", f"--data_dir={self._data}"],
            stdout=log, stderr=subprocess.STDOUT)
        self._port = None
        for _ in range(100):
            log.seek(0)
            found = re.search(r"listening on port (\d+)", log.read())
            if found:
                self._port = found.group(1)
                break
            time.sleep(0.1)
        if self._port is None:
            raise SystemExit(f"{binary} did not start; its log is {log.name}")
        with open(os.path.join(self._data, "admin-api-key")) as key_file:
            self._key = key_file.read().strip()

    def call(self, method, body):
        """Calls guestvoice.v1.`method` and returns its response as a dict."""
        result = subprocess.run(
            ["grpcurl", "-plaintext", "-H", f"authorization: Bearer {self._key}",
             "-d", json.dumps(body), f"127.0.0.1:{self._port}", f"guestvoice.v1.{method}"],
            capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"{method}: {result.stderr}")
        return json.loads(result.stdout or "{}")

    def create_lisbon_and_tokyo(self):
        """Two hotels in time zones nine hours apart."""
        for hotel_id, name, zone in [("lisbon", "Lisbon", "Europe/Lisbon"),
                                     ("tokyo", "Tokyo", "Asia/Tokyo")]:
            self.call("HotelService/CreateHotel", {
                "parent": ORG, "hotel_id": hotel_id,
                "hotel": {"display_name": name, "time_zone": zone}})

    def ingest(self, external_id, handle, text, day, rating=None, hotel="lisbon"):
        """A Google review by `handle` posted on November `day` of 2026 about
        `hotel`, rated `rating` = (value, top of a 1-based scale) if given;
        returns the stored item's name."""
        feedback = {"hotel": f"{ORG}/hotels/{hotel}", "source": "SOURCE_GOOGLE",
                    "external_id": external_id, "author": {"handle": handle},
                    "text": text, "post_time": f"2026-11-{day:02d}T10:00:00Z"}
        if rating is not None:
            value, top = rating
            feedback["rating"] = {"value": value, "scale_min": 1, "scale_max": top}
        return self.call("FeedbackService/IngestFeedback",
                         {"parent": ORG, "feedback": feedback})["name"]

    def save(self, queries, store_name, answers_name):
        """Asks every query ({name: (method, request)}), stops the server and
        writes OUT/store_name (the data directory) and OUT/answers_name."""
        answers = {name: {"method": f"guestvoice.v1.{method}", "request": request,
                          "response": self.call(method, request)}
                   for name, (method, request) in queries.items()}
        self._proc.send_signal(signal.SIGTERM)
        self._proc.wait()
        os.remove(os.path.join(self._data, "LOCK"))
        subprocess.run(["tar", "-C", self._work, "--sort=name", "--owner=0", "--group=0",
                        "-czf", os.path.join(OUT, store_name), "data"], check=True)
        with open(os.path.join(OUT, answers_name), "w") as answers_file:
            json.dump(answers, answers_file, indent=1, sort_keys=True)
