#!/usr/bin/env python3
"""Screenshots of pages of a running Odoo server, as a given user, in
headless Chromium (desktop or a 390 px phone, any language).

    python3 scripts/screenshot.py --url http://localhost:8069 --db DB \
        --login admin --password admin --lang ar_001 --width 390 \
        /odoo/action-service_bank.service_debit_order_action/1 out.png

The user's language is set for the session through the ``lang`` cookie and
the context of the session; Chromium is driven over its DevTools protocol
(websocket-client), so nothing but Chromium and Python is needed.
"""

import argparse
import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import websocket


def authenticate(url, db, login, password):
    """The session id of ``login`` (JSON-RPC /web/session/authenticate)."""
    request = urllib.request.Request(
        f"{url}/web/session/authenticate",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "params": {"db": db, "login": login, "password": password},
            }
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        cookie = response.headers.get("Set-Cookie", "")
        body = json.load(response)
    if body.get("error"):
        raise SystemExit(body["error"]["data"]["message"])
    return cookie.split("session_id=", 1)[1].split(";", 1)[0]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Chrome:
    def __init__(self, width, height):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        binary = binary or shutil.which("google-chrome")
        self.profile = tempfile.mkdtemp(prefix="shot-")
        port = free_port()
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/json", timeout=5
                ) as response:
                    pages = [
                        page for page in json.load(response) if page["type"] == "page"
                    ]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        self.socket = websocket.create_connection(
            pages[0]["webSocketDebuggerUrl"], timeout=120
        )
        self.counter = 0

    def call(self, method, **params):
        self.counter += 1
        self.socket.send(
            json.dumps({"id": self.counter, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result", {})

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--lang", default="en_US")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--wait", type=float, default=6.0, help="seconds to render")
    parser.add_argument("--full", action="store_true", help="the whole page")
    parser.add_argument("path")
    parser.add_argument("output")
    args = parser.parse_args()
    session = authenticate(args.url, args.db, args.login, args.password)
    chrome = Chrome(args.width, args.height)
    try:
        chrome.call("Network.enable")
        host = args.url.split("//", 1)[1].split(":")[0].split("/")[0]
        for name, value in (("session_id", session), ("frontend_lang", args.lang)):
            chrome.call(
                "Network.setCookie", name=name, value=value, domain=host, path="/"
            )
        mobile = args.width < 600
        chrome.call(
            "Emulation.setDeviceMetricsOverride",
            width=args.width,
            height=args.height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        if mobile:
            chrome.call(
                "Emulation.setUserAgentOverride",
                userAgent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
                "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            )
        chrome.call("Page.enable")
        chrome.call("Page.navigate", url=f"{args.url}{args.path}")
        time.sleep(args.wait)
        params = {"format": "png"}
        if args.full:
            metrics = chrome.call("Page.getLayoutMetrics")["cssContentSize"]
            params.update(
                captureBeyondViewport=True,
                clip={
                    "x": 0,
                    "y": 0,
                    "width": args.width,
                    "height": metrics["height"],
                    "scale": 1,
                },
            )
        shot = chrome.call("Page.captureScreenshot", **params)
        with open(args.output, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))
    finally:
        chrome.close()


if __name__ == "__main__":
    main()
