#!/usr/bin/python3
"""A loopback SMS gateway speaking eSMS.vn's send API, for the tests.

POST any path with eSMS's JSON body (ApiKey, SecretKey, Phone, Content,
Brandname, SmsType, RequestId, CallbackUrl). It answers as eSMS does:
CodeResult 100 with an SMSID; 101 for other keys; 108 for a phone that
ends in 0000 (not a number); 124 for a RequestId seen before. A phone that
ends in 9999 is answered only after 3 s the first time (the client's
timeout), though the message is taken. Each message taken is one JSON line
in LOG. Half a second later (5 s for the slow one) it calls the CallbackUrl
with the delivery report: SendStatus 5 and SendSuccess 1, or SendFailed 1
for a phone that ends in 8888.

usage: esms_loopback.py LOG APIKEY SECRETKEY   (prints its port)
"""
import json
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG, API, SECRET = sys.argv[1], sys.argv[2], sys.argv[3]
lock = threading.Lock()
seen = set()


def report(url, smsid, phone, ok, wait):
    time.sleep(wait)
    q = urllib.parse.urlencode({
        "SMSID": smsid, "SendFailed": 0 if ok else 1, "SendStatus": 5,
        "SendSuccess": 1 if ok else 0, "TotalPrice": "800.0000",
        "TotalReceiver": 1, "TotalSent": 1, "RequestId": "", "TypeId": 2,
        "telcoid": 1, "phonenumber": phone})
    try:
        urllib.request.urlopen(url + "?" + q, timeout=5).read()
    except Exception as e:  # the test reads what the server recorded
        print("callback failed:", e, file=sys.stderr)


class Gateway(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        try:
            j = json.loads(self.rfile.read(n))
        except ValueError:
            return self.answer({"error": "Invalid request"})
        if j.get("ApiKey") != API or j.get("SecretKey") != SECRET:
            return self.answer({"CodeResult": "101", "CountRegenerate": 0,
                                "ErrorMessage": "Authorize Failed"})
        phone = j.get("Phone", "")
        if phone.endswith("0000"):
            return self.answer({"CodeResult": "108", "CountRegenerate": 0,
                                "ErrorMessage": "Phone number is invalid"})
        with lock:
            dup = j.get("RequestId") in seen
            seen.add(j.get("RequestId"))
        if dup:
            return self.answer({"CodeResult": "124", "CountRegenerate": 0,
                                "ErrorMessage": "Duplicate RequestId"})
        smsid = uuid.uuid4().hex
        with lock, open(LOG, "a") as f:
            f.write(json.dumps({k: j.get(k) for k in (
                "Phone", "Content", "Brandname", "SmsType", "IsUnicode",
                "RequestId", "CallbackUrl")}) + "\n")
        wait = 0.5
        if phone.endswith("9999") and not getattr(Gateway, "slow_done", False):
            Gateway.slow_done = True
            time.sleep(3)
            wait = 5
        threading.Thread(target=report, daemon=True, args=(
            j.get("CallbackUrl", ""), smsid, phone,
            not phone.endswith("8888"), wait)).start()
        self.answer({"CodeResult": "100", "CountRegenerate": 0, "SMSID": smsid})


server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
print(server.server_address[1], flush=True)
server.serve_forever()
