"""`redislings web --live`: the console, an exercise and its check in a real browser against a real
redis-server that the test starts, which also holds keys that are not the course's. The run must
keep to its own keys (an ACL user of its own), never change the others, and leave nothing behind
when it stops.

Skipped only when redis-server is not installed (scripts/install-deps.sh --test installs it)."""
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from browser_support import (
    CLASS, SHOTS, check_result, console_text, free_port, open_console_page, start_web, stop_web, subscribed_tab_then_another,
    type_and_wait, wait_for)

redis = pytest.importorskip("redis", reason="redis-py is missing: bash scripts/install-deps.sh --test installs it")


def wait_until_answering(admin, process):
    """Polls PING until the server answers (at most 30 s; a start that fails ends the wait)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            admin.ping()
            return
        except redis.exceptions.ConnectionError:
            assert process.poll() is None, "redis-server exited at start"
            assert time.monotonic() < deadline, "redis-server never answered PING"
            time.sleep(0.05)


@pytest.fixture(scope="module")
def live():
    server_binary = shutil.which("redis-server")
    if server_binary is None:
        pytest.skip("redis-server is not installed (bash scripts/install-deps.sh --test installs it)")
    work = Path(tempfile.mkdtemp(prefix="redislings-web-live-"))
    port = free_port()
    redis_process = subprocess.Popen(
        [server_binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(work)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    admin = redis.Redis(host="127.0.0.1", port=port, decode_responses=True, socket_timeout=10)
    try:
        wait_until_answering(admin, redis_process)
        # Someone else's data in the database the course is pointed at.
        admin.set("foreign:note", "mine")
        admin.set("scratch", "not the course's")
        home = work / "home"
        home.mkdir()
        env = dict(os.environ, REDISLINGS_HOME=str(home))
        env.pop("REDISLINGS_REDIS_URL", None)
        web, url = start_web(
            ["--live", f"redis://127.0.0.1:{port}/0", "--allow-nonempty",
             "--lessons", str(CLASS / "Course" / "Lessons"), "--exercises", str(CLASS / "Course" / "Exercises")], env)
        state = {"url": url, "admin": admin, "web": web, "port": port}
        yield state
        if state["web"].poll() is None:
            stop_web(state["web"])
    finally:
        admin.close()
        redis_process.terminate()
        redis_process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def test_live_console_keeps_to_its_own_keys(live, browser):
    open_console_page(browser, live["url"] + "/lessons/class-messaging")
    port = live["port"]
    assert browser.find_element(By.ID, "console-prompt").text.startswith(f"127.0.0.1:{port}>")
    # Someone else's key can be read, not changed.
    type_and_wait(browser, "GET foreign:note", '"mine"', "the foreign key was not readable")
    refused = type_and_wait(browser, "SET foreign:note changed", "(error)", "changing a foreign key was not refused")
    assert "NOPERM" in refused, refused
    type_and_wait(browser, "DEL foreign:note", "(error) NOPERM", "deleting a foreign key was not refused")
    refused = type_and_wait(browser, "FLUSHDB", "(error)", "FLUSHDB was not refused")
    assert "NOPERM" in refused, refused
    assert live["admin"].get("foreign:note") == "mine"
    # A key of its own can be written, and a second tab is a second client of the same run.
    type_and_wait(browser, "SET web:greeting hello", "OK", "SET of a new key failed")
    first = subscribed_tab_then_another(browser, live["url"] + "/lessons/class-messaging", "live-news")
    type_and_wait(browser, "GET web:greeting", '"hello"', "the second tab does not see the first tab's key")
    type_and_wait(browser, 'PUBLISH live-news "from the second tab"', "(integer) 1", "the publish reached no subscriber")
    browser.close()
    browser.switch_to.window(first)
    wait_for(browser, lambda d: "from the second tab" in console_text(d), "the message never arrived")
    assert live["admin"].get("web:greeting") == "hello"


def test_live_exercise_refuses_taken_keys_then_checks_in_the_page(live, browser):
    open_console_page(browser, live["url"] + "/exercises/ex-counter")
    start = browser.find_element(By.CSS_SELECTOR, "button.meta[data-line^=':exercise']")
    start.click()
    wait_for(browser, lambda d: "already holds `scratch`" in console_text(d), "the exercise started over someone else's key")
    assert live["admin"].get("scratch") == "not the course's"
    # Its owner clears it; now the exercise starts, and leaves the other foreign key alone.
    live["admin"].delete("scratch")
    exercise_tab = browser.current_window_handle
    browser.switch_to.new_window("tab")
    open_console_page(browser, live["url"] + "/lessons/class-messaging")
    other_tab = browser.current_window_handle
    browser.switch_to.window(exercise_tab)
    start.click()
    wait_for(browser, lambda d: "Type your commands here" in console_text(d), "the exercise did not start")
    browser.find_element(By.CSS_SELECTOR, "button.meta[data-line=':check']").click()
    wait_for(browser, lambda d: check_result(d) and "failed" in check_result(d).get_attribute("class"), "no failed result in the page")
    # The hidden check counts, under its number only: neither its name nor its message shows.
    page = browser.find_element(By.ID, "check-result").text
    assert "hidden check 3" in page and "0/2" in page, page
    assert "only the counter is left" not in page and "a key you used along the way" not in page, page
    assert "a key you used along the way" not in console_text(browser), "the console's text withholds it as well"
    # The answer is typed in the other tab, which was told: the exercise is the browser's.
    browser.switch_to.window(other_tab)
    wait_for(browser, lambda d: "Another tab started exercise 1.1 A counter that expires; what you type here counts" in console_text(d),
             "the other tab was not told of the exercise")
    for _ in range(3):
        type_and_wait(browser, "INCR counter", "(integer)", "INCR failed")
    type_and_wait(browser, "EXPIRE counter 60", "(integer) 1", "EXPIRE failed")
    browser.close()
    browser.switch_to.window(exercise_tab)
    browser.find_element(By.CSS_SELECTOR, "button.meta[data-line=':check']").click()
    wait_for(browser, lambda d: "passed" in check_result(d).get_attribute("class"), "the check did not pass in the page")
    box = check_result(browser)
    marks = [item.find_element(By.CSS_SELECTOR, ".mark").text for item in box.find_elements(By.CSS_SELECTOR, "li.check")]
    names = [item.find_element(By.CSS_SELECTOR, ".name").text for item in box.find_elements(By.CSS_SELECTOR, "li.check")]
    assert marks == ["✓", "✓", "✓"] and names[2] == "hidden check 3", (marks, names)
    assert "10/10" in box.find_element(By.CSS_SELECTOR, ".score").text
    browser.save_screenshot(str(SHOTS / "live-exercise.png"))
    assert live["admin"].get("counter") == "3"
    assert live["admin"].get("foreign:note") == "mine"


def test_live_stop_leaves_only_the_foreign_keys(live, browser):
    browser.get(live["url"] + "/")  # the consoles close with the page
    stop_web(live["web"])
    admin = live["admin"]
    assert sorted(admin.keys("*")) == ["foreign:note"], "what the run created is gone, the rest untouched"
    assert admin.get("foreign:note") == "mine"
    assert [user for user in admin.acl_users() if user.startswith("redislings-run-")] == [], "the run's ACL users are deleted"
