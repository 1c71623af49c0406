"""What the browser tests share: where things are, the binary, and small waits on the page.

Every wait is explicit (WebDriverWait on a condition), never a fixed sleep, so a slow machine
only makes a test slower, not flaky."""
import os
import socket
import subprocess
import tempfile
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "Tests" / "Browser" / "screenshots"
BINARY = Path(os.environ.get("REDISLINGS_BIN", REPO / ".build" / "debug" / "redislings"))
CLASS = REPO / "Tests" / "GradingTests" / "Fixtures"
WAIT = 30


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_web(arguments, env):
    """Starts `redislings web` on a free port; returns the process and its URL once it listens."""
    assert BINARY.exists(), f"build redislings first (swift build): {BINARY} is missing"
    port = free_port()
    # Standard error goes to a file: a pipe nobody reads could fill up and stall the server.
    errors = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(
        [str(BINARY), "web", "--port", str(port)] + arguments, env=env, stdout=subprocess.PIPE, stderr=errors, text=True)
    line = process.stdout.readline()
    if f":{port}/" not in line:
        process.kill()
        process.wait(timeout=30)
        errors.seek(0)
        raise AssertionError("redislings web did not start: " + line + errors.read())
    return process, f"http://127.0.0.1:{port}"


def stop_web(process):
    """Stops the server as Ctrl-C would (SIGTERM), so it ends its sessions; fails if it hangs."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("redislings web did not stop within 30 s of SIGTERM")


def wait_for(driver, condition, message):
    return WebDriverWait(driver, WAIT).until(lambda d: condition(d), message)


def console_text(driver):
    return driver.find_element(By.ID, "console-output").text


def type_line(driver, line):
    box = driver.find_element(By.ID, "console-input")
    box.send_keys(line)
    box.send_keys(Keys.ENTER)


def type_and_wait(driver, line, expected, message):
    """Types `line` and waits until the console shows `expected` after it."""
    before = len(console_text(driver))
    type_line(driver, line)
    wait_for(driver, lambda d: expected in console_text(d)[before:], message)
    return console_text(driver)[before:]


def open_console_page(driver, url):
    driver.get(url)
    wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-console-ready") == "yes", "the console never connected")


def check_result(driver):
    """The structured result box of the page, once shown."""
    box = driver.find_element(By.ID, "check-result")
    return box if box.is_displayed() else None


def wait_for_state(driver, state, message):
    """Waits until the console's prompt state reads `state` ("(subscribed)", "(TX)" or "")."""
    wait_for(driver, lambda d: d.find_element(By.ID, "console-state").text == state, message)


def subscribed_tab_then_another(driver, url, channel):
    """Opens `url`, subscribes its console to `channel`, then opens `url` in a second tab, which
    is current on return; returns the first tab's handle."""
    open_console_page(driver, url)
    first = driver.current_window_handle
    type_line(driver, "SUBSCRIBE " + channel)
    wait_for_state(driver, "(subscribed)", "the prompt never showed (subscribed)")
    driver.switch_to.new_window("tab")
    open_console_page(driver, url)
    return first

