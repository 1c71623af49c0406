"""End-to-end tests of `redislings web` in a real browser: Debian's headless Chromium driven by
Selenium through Debian's chromedriver. Run by scripts/test-web.sh (which scripts/test.sh calls).

Screenshots of the main pages go to Tests/Browser/screenshots/ (not committed)."""
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import (
    BINARY, CLASS, REPO, SHOTS, check_result, console_text, open_console_page, start_web, stop_web, subscribed_tab_then_another,
    type_line, wait_for, wait_for_state)


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
    process, url = start_web(
        ["--lessons", str(REPO / "Lessons"), "--exercises", str(REPO / "Exercises"), "--gradebook", str(work / "reports")], env)
    yield {"url": url, "home": home, "reports": work / "reports"}
    stop_web(process)
    shutil.rmtree(work, ignore_errors=True)


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
    first = subscribed_tab_then_another(browser, server["url"] + "/lessons/redis-pub-sub-and-advanced-patterns", "news")
    type_line(browser, 'PUBLISH news "hello from the second tab"')
    wait_for(browser, lambda d: "(integer) 1" in console_text(d), "PUBLISH did not reach the other tab's subscription")
    browser.close()
    browser.switch_to.window(first)
    wait_for(browser, lambda d: "hello from the second tab" in console_text(d), "the message never arrived")
    browser.save_screenshot(str(SHOTS / "pubsub-tabs.png"))


def result_checks(box):
    """The per-check lines of a result box: (mark, name, points, message)."""
    rows = []
    for item in box.find_elements(By.CSS_SELECTOR, "li.check"):
        def part(cls):
            found = item.find_elements(By.CSS_SELECTOR, "." + cls)
            return found[0].text if found else ""
        rows.append((part("mark"), part("name"), part("points"), part("message")))
    return rows


def test_exercise_checked_in_the_page_shared_by_tabs_and_recorded(server, browser):
    open_console_page(browser, server["url"] + "/exercises/pubsub-first-subscriber")
    exercise_tab = browser.current_window_handle
    browser.find_element(By.CSS_SELECTOR, "button.meta[data-line^=':exercise']").click()
    wait_for(browser, lambda d: "Type your commands here" in console_text(d), "the exercise did not start")
    # Checked before the answer: the page shows each check failed, with its points.
    browser.find_element(By.CSS_SELECTOR, "button.meta[data-line=':check']").click()
    wait_for(browser, lambda d: check_result(d) and "failed" in check_result(d).get_attribute("class"), "no failed result in the page")
    box = check_result(browser)
    assert result_checks(box) == [
        ("✗", "the newsroom's message reached you", "0/6",
         "The newsroom published on its channel, but your connection was not listening there when it did."),
        ("✗", "the newsroom counted one receiver", "0/4", result_checks(box)[1][3]),
    ], result_checks(box)
    assert "0/10" in box.find_element(By.CSS_SELECTOR, ".score").text
    assert not box.find_elements(By.CSS_SELECTOR, ".why"), "the note comes after a pass only"
    browser.find_element(By.CSS_SELECTOR, "button.meta[data-line=':hint']").click()
    wait_for(browser, lambda d: "Hint 1/3" in console_text(d), "no hint")
    # The answer is typed in a second tab: the exercise and its simulator are the browser's.
    browser.switch_to.new_window("tab")
    open_console_page(browser, server["url"] + "/lessons/redis-pub-sub-and-advanced-patterns")
    type_line(browser, "SUBSCRIBE news")
    wait_for_state(browser, "(subscribed)", "not subscribed")
    second_tab = browser.current_window_handle
    browser.switch_to.window(exercise_tab)
    browser.find_element(By.CSS_SELECTOR, "button.meta[data-line=':check']").click()
    wait_for(browser, lambda d: "passed" in check_result(d).get_attribute("class"), "the check did not pass in the page")
    box = check_result(browser)
    assert [(mark, points) for mark, _, points, _ in result_checks(box)] == [("✓", "6/6"), ("✓", "4/4")]
    assert "10/10" in box.find_element(By.CSS_SELECTOR, ".score").text
    assert "Pub/Sub keeps nothing" in box.find_element(By.CSS_SELECTOR, ".why").text
    assert "10/10" in console_text(browser), "the console shows the same result as text"
    browser.save_screenshot(str(SHOTS / "exercise.png"))
    # The other tab is shown the result too, above its console.
    browser.switch_to.window(second_tab)
    wait_for(browser, lambda d: check_result(d) and "passed" in check_result(d).get_attribute("class"), "the other tab was not shown the result")
    assert "Redis 7.0 is out" in console_text(browser), "the newsroom's message reached the subscribed tab"
    browser.close()
    browser.switch_to.window(exercise_tab)
    with sqlite3.connect(server["home"] / "progress.sqlite") as db:
        rows = db.execute("SELECT passed FROM exercise_result WHERE exercise_id = 'pubsub-first-subscriber'").fetchall()
    assert [row[0] for row in rows][-2:] == [0, 1], "both checks are in the progress database, the passing one last"
    browser.get(server["url"] + "/")
    assert "1/" in browser.find_element(By.CSS_SELECTOR, "table.catalog").text


def test_reset_in_one_tab_brings_the_other_along(server, browser):
    first = subscribed_tab_then_another(browser, server["url"] + "/lessons/redis-pub-sub-and-advanced-patterns", "alerts")
    type_line(browser, ":reset")
    wait_for(browser, lambda d: "The simulator was reset" in console_text(d), "no reset")
    second = browser.current_window_handle
    browser.switch_to.window(first)
    wait_for(browser, lambda d: "Another tab reset the simulator" in console_text(d), "the first tab was not told of the reset")
    wait_for_state(browser, "", "the first tab still shows (subscribed)")
    type_line(browser, "SUBSCRIBE alerts")
    wait_for_state(browser, "(subscribed)", "not subscribed again")
    browser.switch_to.window(second)
    type_line(browser, "PUBLISH alerts after-the-reset")
    wait_for(browser, lambda d: "(integer) 1" in console_text(d), "the tabs are not on one simulator after the reset")
    browser.close()
    browser.switch_to.window(first)
    wait_for(browser, lambda d: "after-the-reset" in console_text(d), "the message never arrived")


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
