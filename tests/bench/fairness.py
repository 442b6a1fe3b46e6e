#!/usr/bin/env python3
"""Keep-alive fairness: CLIENTS connections each send requests to URL_PATH on
127.0.0.1:PORT for SECONDS; prints how many responses each got, and how many
got none (starved). Bounded by time; loopback only.

Usage: fairness.py PORT URL_PATH CLIENTS SECONDS
"""
import http.client
import sys
import threading
import time


def main():
    port, path, clients, seconds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    answers = [0] * clients
    errors = [0] * clients
    deadline = time.time() + seconds

    def client(index):
        connection = None
        while time.time() < deadline:
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=seconds + 30)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                answers[index] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection = None

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"clients {clients} answers {sum(answers)} min {min(answers)} max {max(answers)} "
          f"starved {sum(1 for a in answers if a == 0)} errors {sum(errors)}")


if __name__ == "__main__":
    main()
