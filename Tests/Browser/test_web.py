"""End-to-end tests of `redislings web` in a real browser: Debian's headless Chromium driven by
Selenium through Debian's chromedriver. Run by scripts/test-web.sh (which scripts/test.sh calls).

Screenshots of the main pages go to Tests/Browser/screenshots/ (not committed)."""
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
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


@pytest.fixture(scope="session")
def server():
    assert BINARY.exists(), f"build redislings first (swift build): {BINARY} is missing"
    work = Path(tempfile.mkdtemp(prefix="redislings-web-e2e-"))
    home = work / "home"
    home.mkdir()
    env = dict(os.environ, REDISLINGS_HOME=str(home))
    # The sample class, graded, for the instructor's page.
    klass = work / "fall"
    klass.mkdir()
    for student in ["ada", "bo", "cleo", "dev", "eli", "fay", "jon", "ned", "ola", "wes"]:
        shutil.copytree(CLASS / "Class" / student, klass / student)
    graded = subprocess.run(
        [str(BINARY), "grade", str(klass), "--lessons", str(CLASS / "Course" / "Lessons"),
         "--exercises", str(CLASS / "Course" / "Exercises"), "--out", str(work / "reports"), "--time-limit", "8"],
        env=env, capture_output=True, text=True, timeout=600)
    assert (work / "reports" / "results.json").exists(), graded.stderr
    port = free_port()
    process = subprocess.Popen(
        [str(BINARY), "web", "--port", str(port), "--lessons", str(REPO / "Lessons"), "--exercises", str(REPO / "Exercises"),
         "--gradebook", str(work / "reports")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert f":{port}/" in line, line + process.stderr.read()
    yield {"url": f"http://127.0.0.1:{port}", "home": home, "reports": work / "reports"}
    process.terminate()
    process.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def wait_for(driver, condition, message):
    return WebDriverWait(driver, WAIT).until(lambda d: condition(d), message)


def console_text(driver):
    return driver.find_element(By.ID, "console-output").text


def type_line(driver, line):
    box = driver.find_element(By.ID, "console-input")
    box.send_keys(line)
    box.send_keys(Keys.ENTER)


def open_console_page(driver, url):
    driver.get(url)
    wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-console-ready") == "yes", "the console never connected")


def test_lesson_page_runs_a_block(server, browser):
    browser.get(server["url"] + "/")
    assert "Redis Pub/Sub" in browser.find_element(By.TAG_NAME, "h1").text
    links = browser.find_elements(By.CSS_SELECTOR, "table.catalog a")
    assert len(links) >= 10
    browser.save_screenshot(str(SHOTS / "catalog.png"))
    open_console_page(browser, server["url"] + "/lessons/redis-pub-sub-and-advanced-patterns")
    run = browser.find_elements(By.CSS_SELECTOR, "button.run")
    assert run, "the lesson has redis blocks with Run buttons"
    browser.execute_script("arguments[0].scrollIntoView()", run[0])
    run[0].click()
    wait_for(browser, lambda d: "# running example 1" in console_text(d) and "simulator>" in console_text(d), "the block did not run")
    wait_for(browser, lambda d: "(integer)" in console_text(d) or "OK" in console_text(d) or "1)" in console_text(d), "no reply shown")
    # A link to another lesson leads to its page.
    lesson_links = [a for a in browser.find_elements(By.CSS_SELECTOR, "article a") if "/lessons/" in (a.get_attribute("href") or "")]
    browser.save_screenshot(str(SHOTS / "lesson.png"))
    assert lesson_links, "the lesson links to others"
    target = lesson_links[0].get_attribute("href")
    browser.get(target)
    assert browser.find_elements(By.CSS_SELECTOR, "article h1, article h2")


def test_subscribe_in_one_tab_publish_in_another(server, browser):
    open_console_page(browser, server["url"] + "/lessons/redis-pub-sub-and-advanced-patterns")
    first = browser.current_window_handle
    type_line(browser, "SUBSCRIBE news")
    wait_for(browser, lambda d: d.find_element(By.ID, "console-state").text == "(subscribed)", "the prompt never showed (subscribed)")
    browser.switch_to.new_window("tab")
    open_console_page(browser, server["url"] + "/lessons/redis-pub-sub-and-advanced-patterns")
    type_line(browser, 'PUBLISH news "hello from the second tab"')
    wait_for(browser, lambda d: "(integer) 1" in console_text(d), "PUBLISH did not reach the other tab's subscription")
    browser.close()
    browser.switch_to.window(first)
    wait_for(browser, lambda d: "hello from the second tab" in console_text(d), "the message never arrived")
    browser.save_screenshot(str(SHOTS / "pubsub-tabs.png"))


def test_exercise_checked_and_recorded(server, browser):
    open_console_page(browser, server["url"] + "/exercises/pubsub-first-subscriber")
    browser.find_element(By.CSS_SELECTOR, "button.meta[data-line^=':exercise']").click()
    wait_for(browser, lambda d: "Type your commands here" in console_text(d), "the exercise did not start")
    browser.find_element(By.CSS_SELECTOR, "button.meta[data-line=':hint']").click()
    wait_for(browser, lambda d: "Hint 1/3" in console_text(d), "no hint")
    type_line(browser, "SUBSCRIBE news")
    wait_for(browser, lambda d: d.find_element(By.ID, "console-state").text == "(subscribed)", "not subscribed")
    browser.find_element(By.CSS_SELECTOR, "button.meta[data-line=':check']").click()
    wait_for(browser, lambda d: "10/10" in console_text(d), "the check did not pass with 10/10")
    text = console_text(browser)
    assert text.count("✓") >= 2
    browser.save_screenshot(str(SHOTS / "exercise.png"))
    with sqlite3.connect(server["home"] / "progress.sqlite") as db:
        rows = db.execute("SELECT passed FROM exercise_result WHERE exercise_id = 'pubsub-first-subscriber'").fetchall()
    assert rows and rows[-1][0] == 1, "the passing result is in the progress database"
    browser.get(server["url"] + "/")
    assert "1/" in browser.find_element(By.CSS_SELECTOR, "table.catalog").text


def test_quiz_feedback_and_record(server, browser):
    open_console_page(browser, server["url"] + "/lessons/redis-pub-sub-and-advanced-patterns")
    questions = browser.find_elements(By.CSS_SELECTOR, "form.quiz fieldset.question")
    assert questions
    for question in questions:
        options = question.find_elements(By.CSS_SELECTOR, "input[type=radio], input[type=checkbox]")
        if options:
            browser.execute_script("arguments[0].click()", options[0])
        else:
            question.find_element(By.CSS_SELECTOR, "input.command-answer").send_keys("PING")
    button = browser.find_element(By.CSS_SELECTOR, "button.check-quiz")
    browser.execute_script("arguments[0].scrollIntoView()", button)
    button.click()
    wait_for(browser, lambda d: "Score:" in d.find_element(By.CSS_SELECTOR, ".quiz-score").text, "no score")
    assert "(recorded)" in browser.find_element(By.CSS_SELECTOR, ".quiz-score").text
    feedback = [f.text for f in browser.find_elements(By.CSS_SELECTOR, "form.quiz .feedback")]
    assert all(f.startswith("✓") or f.startswith("✗") for f in feedback), feedback
    assert any(len(f) > 20 for f in feedback), "explanations are shown"
    browser.save_screenshot(str(SHOTS / "quiz.png"))
    with sqlite3.connect(server["home"] / "progress.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM quiz_attempt").fetchone()[0] >= 1
        assert db.execute("SELECT COUNT(*) FROM quiz_answer").fetchone()[0] == len(questions)


def chat_window(browser, server, name):
    browser.get(server["url"] + f"/chat?name={name}&room=lobby")
    wait_for(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-chat-ready") == "yes", "the chat never joined")


def post(browser, text):
    box = browser.find_element(By.ID, "chat-text")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)


def messages(browser):
    return browser.find_element(By.ID, "chat-messages").text


def test_chat_catches_up_after_reconnect(server, browser):
    chat_window(browser, server, "alice")
    alice = browser.current_window_handle
    browser.switch_to.new_window("window")
    chat_window(browser, server, "bob")
    bob = browser.current_window_handle
    browser.switch_to.window(alice)
    post(browser, "hello bob")
    browser.switch_to.window(bob)
    wait_for(browser, lambda d: "hello bob" in messages(d), "bob never saw alice's message")
    browser.close()
    browser.switch_to.window(alice)
    post(browser, "posted while bob was away")
    wait_for(browser, lambda d: "posted while bob was away" in messages(d), "alice's own message did not come back")
    commands = browser.find_element(By.ID, "chat-commands").text
    assert "XADD chat:history:lobby" in commands and "PUBLISH chat:room:lobby" in commands and "SUBSCRIBE chat:room:lobby" in commands
    browser.switch_to.new_window("window")
    chat_window(browser, server, "bob")
    status = browser.find_element(By.ID, "chat-status").text
    assert status.startswith("caught up: 1 message(s) after"), status
    assert "posted while bob was away" in messages(browser)
    assert "XRANGE chat:history:lobby (" in browser.find_element(By.ID, "chat-commands").text
    browser.save_screenshot(str(SHOTS / "chat-catch-up.png"))
    browser.close()
    browser.switch_to.window(alice)


def test_instructor_charts_for_the_sample_class(server, browser):
    browser.get(server["url"] + "/instructor")
    distributions = browser.find_elements(By.CSS_SELECTOR, "svg.chart.distribution")
    rates = browser.find_elements(By.CSS_SELECTOR, "svg.chart.pass-rates")
    assert len(distributions) == 4 and len(rates) == 4
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    students = browser.find_elements(By.CSS_SELECTOR, ".student")
    assert len(students) == 10
    browser.save_screenshot(str(SHOTS / "instructor.png"))
    report = (server["reports"] / "report.html").read_text()
    assert report.count('class="chart distribution"') == 4
