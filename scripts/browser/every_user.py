"""Every demo user's pages in a real browser, at desktop width and at a phone's 390 px:
each page saved as a screenshot (and the print view as a PDF), checked with axe-core (no
violation of any impact), checked to fit 390 px without sideways scrolling, and the status
of every migration compared between the portfolio and the migration's own page.

Usage: every_user.py BASE_URL SCREENSHOT_DIR
"""
import base64
import os
import re
import sys
import time

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions

BASE, SHOTS = sys.argv[1], os.path.join(sys.argv[2], "users")
os.makedirs(SHOTS, exist_ok=True)
PASSWORD = "demo-password"
USERS = {
    "practice": "manager@b82001.demo.test",
    "practice-none": "manager@b82099.demo.test",
    "icb": "commissioning@icb.demo.test",
    "csu": "pm@csu.demo.test",
    "tpp": "deployment@tpp.demo.test",
    "emis": "migrations@emis.demo.test",
    "national": "admin@national.demo.test",
}
PHONE = 390
passed, failed = 0, 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {what}", flush=True)


def browser(phone):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    if phone:
        # Headless Chromium will not make a window narrower than 500 px; a phone's
        # viewport is emulated instead.
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": PHONE, "height": 844, "pixelRatio": 1}})
    else:
        options.add_argument("--window-size=1280,1600")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    return driver


def sign_in(driver, email):
    driver.delete_all_cookies()
    driver.get(BASE + "/sign-in")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    time.sleep(0.3)
    check("What needs you now" in driver.page_source, f"{email} signs in")


def look(driver, who, name, phone):
    """Screenshot the page, run axe on it and, on the phone, check it fits."""
    width = "phone" if phone else "desktop"
    label = f"{who} {name} ({width})"
    check("Fatal" not in driver.page_source and "LeafError" not in driver.page_source, f"{label}: no internal error shown")
    if phone:
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        check(wide <= PHONE, f"{label}: fits {PHONE} px (the page is {wide} px wide)")
    else:
        height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1280, min(max(height, 800), 6000))
    driver.save_screenshot(f"{SHOTS}/{who}-{name}-{width}.png")
    axe = Axe(driver)
    axe.inject()
    violations = axe.run()["violations"]
    for violation in violations:
        print(f"  axe {label}: {violation['id']} ({violation['impact']}): {violation['help']}; e.g. {violation['nodes'][0]['html'][:160]}", flush=True)
    check(not violations, f"{label}: no accessibility violation of any impact")


def migration_links(driver):
    ids = re.findall(r'href="/migrations/([0-9A-Fa-f-]{36})', driver.page_source)
    return list(dict.fromkeys(ids))


def status_words(html):
    """The status tag of a migration page's summary."""
    found = re.search(r'<strong>Status</strong><br><span class="tag [a-z]+">([^<]+)</span>', html)
    return found.group(1) if found else None


def portfolio_statuses(html):
    rows = re.findall(r'<a href="/migrations/([0-9A-Fa-f-]{36})">[^<]*</a>.*?<span class="tag [a-z]+">([^<]+)</span>', html)
    return dict(rows)


try:
    for phone in (False, True):
        driver = browser(phone)
        try:
            for who, email in USERS.items():
                sign_in(driver, email)
                look(driver, who, "home", phone)
                migrations = migration_links(driver)
                driver.get(BASE + "/portfolio")
                if "Portfolio" in driver.title:
                    look(driver, who, "portfolio", phone)
                    listed = portfolio_statuses(driver.page_source)
                    migrations = list(dict.fromkeys(migrations + list(listed)))
                else:
                    listed = {}
                # Every migration this user's home and portfolio link to; screenshots of the first three.
                for index, mid in enumerate(migrations):
                    driver.get(f"{BASE}/migrations/{mid}")
                    words = status_words(driver.page_source)
                    check(words is not None, f"{who}: migration {mid} shows its status")
                    if mid in listed:
                        check(listed[mid] == words, f"{who}: migration {mid} is '{listed[mid]}' in the portfolio and '{words}' on its page")
                    if index < 3:
                        look(driver, who, f"migration-{index + 1}", phone)
                        driver.get(f"{BASE}/migrations/{mid}/print")
                        look(driver, who, f"print-{index + 1}", phone)
                        if not phone and index == 0:
                            options = PrintOptions()
                            options.page_width, options.page_height = 21.0, 29.7
                            pdf = base64.b64decode(driver.print_page(options))
                            with open(f"{SHOTS}/{who}-print.pdf", "wb") as out:
                                out.write(pdf)
                            pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
                            check(1 <= pages <= 2, f"{who}: the printed plan is one or two A4 pages ({pages})")
                        driver.get(f"{BASE}/migrations/{mid}/what-if")
                        look(driver, who, f"what-if-{index + 1}", phone)
                for path, name in (("/account", "account"), ("/admin", "admin"), ("/migrations/new", "new-migration"), ("/metrics", "metrics"), ("/orders", "orders"), ("/reminders", "reminders")):
                    driver.get(BASE + path)
                    if "Page not found" not in driver.page_source and "for administrators" not in driver.page_source and "cannot" not in driver.title:
                        look(driver, who, name, phone)
        finally:
            driver.quit()
finally:
    print(f"every user: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
