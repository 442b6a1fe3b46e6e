#!/usr/bin/env python3
"""Kill loop: `majlis serve` and `majlis import` are SIGKILLed at random
moments, many times over, against one data folder.

Each iteration starts a workload on the data folder: a server with API
clients creating records (a file each), an import of a new folder of text
files, or both at once. After a random delay the running processes are
killed with SIGKILL, each with its process group, so their `majlis ocr`
children die too, as after a power cut. Then the script checks:

- `majlis verify` passes;
- a restarted server and the killed import, run again, drain the extract
  and index queues;
- every acknowledged record (an API 201 or an import's --json line) is
  found exactly once by the word in its title and exactly once by the word
  that only its file contains, so its text was extracted and indexed;
- a record whose API request was cut off is found at most once, and only
  with its file's text;
- an import run again reuses the records it created before the kill, and
  the number of records matches the number of distinct words, so no work
  made a second record.

Everything listens and connects on 127.0.0.1. Every wait is bounded.

Usage: kill_loop.py MAJLIS WORK_DIR [--iterations N] [--seed S]
           [--files N] [--max-delay SECONDS] [--api-clients N]
Exit status 0 when every iteration passed; the last line reads
"N passed, N failed".
"""
import argparse
import base64
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid

# A word that every record created here contains, to count all of them.
MARKER = "killloopmarker"
# Latin letters, so the Arabic analysis chain leaves the words as they are.
LETTERS = "bcdfghjkmnpqrstvwxz"


def new_word(rng):
    return "".join(rng.choice(LETTERS) for _ in range(10))


class Majlis:
    """Runs the majlis commands on one data folder."""

    def __init__(self, binary, data, logs):
        self.binary = binary
        self.data = data
        self.logs = logs
        self.password = None

    def run(self, *arguments, timeout=600):
        return subprocess.run([self.binary, *arguments, "--data", self.data], capture_output=True, text=True,
                              timeout=timeout)

    def start(self, *arguments, log_name):
        log = open(os.path.join(self.logs, log_name), "ab")
        process = subprocess.Popen([self.binary, *arguments, "--data", self.data], stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        process.log_path = log.name
        log.close()
        return process

    def start_server(self, name):
        """Start `majlis serve` on a free port; return (process, port)."""
        server = self.start("serve", "--listen", "127.0.0.1:0", log_name=name)
        deadline = time.time() + 120
        while time.time() < deadline:
            with open(server.log_path, encoding="utf-8", errors="replace") as log:
                text = log.read()
            password = re.search(r"Password: (\S+)", text)
            if password:
                self.password = password.group(1)
            port = re.findall(r"Majlis is serving .* on http://127\.0\.0\.1:(\d+)/", text)
            if port:
                return server, int(port[-1])
            if server.poll() is not None:
                raise RuntimeError(f"majlis serve exited with {server.returncode}; see {server.log_path}")
            time.sleep(0.05)
        raise RuntimeError(f"majlis serve did not start in 120 s; see {server.log_path}")

    def authorization(self):
        return "Basic " + base64.b64encode(f"admin:{self.password}".encode()).decode()


def kill_group(process):
    if process is not None and process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def multipart(fields, file_name, file_content):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                 f'Content-Type: text/plain\r\n\r\n'.encode() + file_content.encode() + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class ApiClient(threading.Thread):
    """Creates records through POST /api/v1/records until stopped or cut off."""

    def __init__(self, majlis, port, rng, state):
        super().__init__(daemon=True)
        self.majlis, self.port, self.state = majlis, port, state
        self.rng = random.Random(rng.random())
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            title_word, file_word = new_word(self.rng), new_word(self.rng)
            body, content_type = multipart(
                {"type": "minutes", "title": f"محضر {title_word} {MARKER}", "access": "public"},
                f"محضر {title_word}.txt", f"قرر المجلس اعتماد المحضر {file_word}")
            expected = {"title_word": title_word, "file_word": file_word}
            self.state.begin(expected)
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                connection.request("POST", "/api/v1/records", body, {
                    "Content-Type": content_type, "Authorization": self.majlis.authorization()})
                response = connection.getresponse()
                answer = response.read()
                connection.close()
            except (OSError, http.client.HTTPException):
                return  # cut off by the kill: the record may or may not exist
            if response.status == 201:
                self.state.acknowledge(expected, json.loads(answer)["id"])
            else:
                self.state.fail(f"POST /api/v1/records answered {response.status}: {answer[:300]!r}")
                return


class State:
    """What was acknowledged, what was cut off, and the failures found."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = {}  # title word -> {"id", "title_word", "file_word"}
        self.uncertain = {}     # title word -> expected, for requests cut off
        self.in_flight = {}
        self.failures = []

    def begin(self, expected):
        with self.lock:
            self.in_flight[expected["title_word"]] = expected

    def acknowledge(self, expected, record_id):
        with self.lock:
            self.in_flight.pop(expected["title_word"], None)
            self.acknowledged[expected["title_word"]] = dict(expected, id=record_id)

    def cut_off(self):
        with self.lock:
            self.uncertain.update(self.in_flight)
            self.in_flight.clear()

    def fail(self, message):
        with self.lock:
            self.failures.append(message)


def write_batch(folder, rng, count):
    os.makedirs(folder)
    words = []
    for index in range(count):
        title_word, file_word = new_word(rng), new_word(rng)
        name = f"قرار {title_word} {MARKER} {index}.txt"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
            out.write(f"قرر المجلس البلدي اعتماد المشروع {file_word}\n")
        words.append({"file": name, "title_word": title_word, "file_word": file_word})
    return words


def import_arguments(folder):
    # The file name, without its extension, becomes the record's title.
    return ["import", "--json", "--access", "public", "--type", "decision", folder]


def acknowledge_import(state, output, batch, label):
    """Record the ids of a finished import; return them by file name."""
    summary = json.loads(output)
    ids = {}
    by_name = {entry["file"]: entry for entry in batch}
    for line in summary["records"]:
        name = os.path.basename(line["file"])
        if line["status"] != "ok":
            state.fail(f"{label}: {name} failed: {line['error']}")
            continue
        ids[name] = line["id"]
        state.acknowledge(by_name[name], line["id"])
    if len(ids) != len(batch):
        state.fail(f"{label}: {len(ids)} of {len(batch)} files imported")
    return ids


def wait_for_queues(majlis, port, seconds):
    deadline = time.time() + seconds
    last = None
    while time.time() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/api/v1/queue", headers={"Authorization": majlis.authorization()})
        response = connection.getresponse()
        last = json.loads(response.read())
        connection.close()
        if last["extract"] == 0 and last["index"] == 0 and not last["extracting"]:
            return None
        time.sleep(0.2)
    return f"queues did not drain in {seconds} s: {last}"


def search_all(majlis, words):
    """Run one search a word; return {word: (total, [ids], [titles])}."""
    queries = os.path.join(majlis.logs, "queries.txt")
    with open(queries, "w", encoding="utf-8") as out:
        out.write("\n".join(words) + "\n")
    result = majlis.run("search", "--limit", "100", "--batch", queries)
    if result.returncode != 0:
        raise RuntimeError(f"majlis search --batch exited {result.returncode}: {result.stderr}")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    return {word: (answer["total"], [hit["id"] for hit in answer["results"]], [hit["title"] for hit in answer["results"]])
            for word, answer in zip(words, answers)}


def check(majlis, state, label):
    """The checks after recovery; appends to state.failures."""
    words = []
    for expected in list(state.acknowledged.values()) + list(state.uncertain.values()):
        words += [expected["title_word"], expected["file_word"]]
    found = search_all(majlis, words + [MARKER])

    for expected in state.acknowledged.values():
        for key in ("title_word", "file_word"):
            total, ids, _ = found[expected[key]]
            if total != 1 or ids != [expected["id"]]:
                state.fail(f"{label}: acknowledged {expected['id']} by its {key} {expected[key]}: "
                           f"found {total} records {ids}")
    present_uncertain = 0
    for expected in state.uncertain.values():
        title_total = found[expected["title_word"]][0]
        file_total = found[expected["file_word"]][0]
        if title_total > 1 or title_total != file_total:
            state.fail(f"{label}: cut-off request {expected['title_word']}: {title_total} records by title, "
                       f"{file_total} by file text")
        present_uncertain += title_total
    total = found[MARKER][0]
    if total != len(state.acknowledged) + present_uncertain:
        state.fail(f"{label}: {total} records carry the marker, expected {len(state.acknowledged)} acknowledged "
                   f"+ {present_uncertain} cut off but stored")
    return total


def iteration(majlis, state, rng, number, options, pending_batches, work):
    label = f"iteration {number}"
    mode = rng.choice(["both", "both", "import", "server"])
    server = port = None
    clients = []
    batch_process = None
    batch = None
    try:
        if mode in ("both", "server"):
            server, port = majlis.start_server(f"serve-{number}.log")
            clients = [ApiClient(majlis, port, rng, state) for _ in range(options.api_clients)]
            for client in clients:
                client.start()
        if mode in ("both", "import"):
            folder = os.path.join(work, "in", str(number))
            batch = {"folder": folder, "words": write_batch(folder, rng, options.files)}
            batch_process = majlis.start(*import_arguments(folder), log_name=f"import-{number}.json")

        delay = rng.uniform(0, options.max_delay)
        deadline = time.time() + delay
        while time.time() < deadline and not (batch_process and batch_process.poll() is not None and not server):
            time.sleep(0.01)
    finally:
        kill_group(server)
        for client in clients:
            client.stop.set()
        for client in clients:
            client.join(60)
        state.cut_off()
        finished_import = False
        if batch_process is not None:
            finished_import = batch_process.poll() is not None
            kill_group(batch_process)

    import_state = "no import"
    if batch is not None:
        import_state = "import finished" if finished_import else "import killed"
        if finished_import and batch_process.returncode == 0:
            with open(batch_process.log_path, encoding="utf-8") as log:
                acknowledge_import(state, log.read(), batch["words"], label)
        else:
            pending_batches.append(batch)

    verified = majlis.run("verify")
    if verified.returncode != 0:
        state.fail(f"{label}: verify after the kill exited {verified.returncode}: {verified.stdout[-2000:]}")

    # Restart: a server, and every import that was killed, run again.
    server, port = majlis.start_server(f"restart-{number}.log")
    try:
        for batch in list(pending_batches):
            again = majlis.run(*import_arguments(batch["folder"]))
            if again.returncode != 0:
                state.fail(f"{label}: import run again exited {again.returncode}: {again.stderr[-2000:]}")
                continue
            acknowledge_import(state, again.stdout, batch["words"], label + " (import run again)")
            pending_batches.remove(batch)
        drained = wait_for_queues(majlis, port, 600)
        if drained:
            state.fail(f"{label}: {drained}")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            stopped = server.wait(60)
        except subprocess.TimeoutExpired:
            kill_group(server)
            stopped = "timeout"
        if stopped != 0:
            state.fail(f"{label}: the restarted server did not stop cleanly on SIGTERM ({stopped})")

    verified = majlis.run("verify")
    if verified.returncode != 0:
        state.fail(f"{label}: verify after the restart exited {verified.returncode}: {verified.stdout[-2000:]}")
    records = check(majlis, state, label)
    return mode, import_state, delay, records


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("majlis")
    parser.add_argument("work")
    parser.add_argument("--iterations", type=int, default=50, help="kill and restart cycles (default 50)")
    parser.add_argument("--seed", type=int, default=20261204, help="random seed (default 20261204)")
    parser.add_argument("--files", type=int, default=8, help="text files per import (default 8)")
    parser.add_argument("--max-delay", type=float, default=4.0,
                        help="latest kill, in seconds after the workload starts (default 4)")
    parser.add_argument("--api-clients", type=int, default=2, help="concurrent API clients (default 2)")
    options = parser.parse_args()

    work = os.path.abspath(options.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "logs"))
    majlis = Majlis(os.path.abspath(options.majlis), os.path.join(work, "data"), os.path.join(work, "logs"))
    rng = random.Random(options.seed)
    state = State()
    pending_batches = []
    passed = failed = 0
    start = time.time()
    for number in range(options.iterations):
        before = len(state.failures)
        mode, import_state, delay, records = iteration(majlis, state, rng, number, options, pending_batches, work)
        ok = len(state.failures) == before
        passed += ok
        failed += not ok
        print(f"iteration {number}: {mode}, {import_state}, killed after {delay:.2f} s, {records} records, "
              f"{'ok' if ok else 'FAILED'}", flush=True)
        for failure in state.failures[before:]:
            print(f"  FAILED: {failure}", flush=True)
    print(f"{options.iterations} iterations in {time.time() - start:.0f} s; {len(state.acknowledged)} acknowledged "
          f"records, {len(state.uncertain)} requests cut off; logs in {majlis.logs}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
