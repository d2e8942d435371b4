"""A whole migration in a real browser, each party in turn, on a server started with
--demo. Every page visited is saved as a screenshot and checked with axe-core: no
accessibility violation of any impact is allowed.

Usage: walkthrough.py BASE_URL SCREENSHOT_DIR
"""
import datetime
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, SHOTS = sys.argv[1], sys.argv[2]
PASSWORD = "demo-password"
PRACTICE = "manager@b82099.demo.test"
CSU = "pm@csu.demo.test"
ICB = "commissioning@icb.demo.test"
TPP = "deployment@tpp.demo.test"
EMIS = "migrations@emis.demo.test"
NATIONAL = "admin@national.demo.test"

passed, failed = 0, 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {what}", flush=True)


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.implicitly_wait(2)
shot_number = 0


def look(name):
    """Screenshot the page and run axe on it."""
    global shot_number
    shot_number += 1
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 6000))
    driver.save_screenshot(f"{SHOTS}/{shot_number:02d}-{name}.png")
    check("Fatal" not in driver.page_source and "LeafError" not in driver.page_source, f"{name}: no internal error shown")
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    violations = results["violations"]
    for violation in violations:
        print(f"  axe {name}: {violation['id']} ({violation['impact']}): {violation['help']}; e.g. {violation['nodes'][0]['html'][:160]}", flush=True)
    check(not violations, f"{name}: no accessibility violation of any impact")


def click(element):
    """Clicks and waits for the next page to replace this one."""
    # A mark on this page's window; the next page starts without it.
    driver.execute_script("window.cutoverOldPage = true")
    element.click()
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return window.cutoverOldPage === undefined && document.readyState === 'complete'"))


def sign_in(email):
    driver.delete_all_cookies()
    driver.get(BASE + "/sign-in")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    click(driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check("What needs you now" in driver.page_source, f"{email} signs in")


def form(title):
    """The form headed `title`, else the first whose heading starts with it."""
    exact = driver.find_elements(By.XPATH, f"//form[h3[normalize-space(.) = \"{title}\"]]")
    if exact:
        return exact[0]
    return driver.find_element(By.XPATH, f"//form[h3[starts-with(normalize-space(.), \"{title}\")]]")


def submit(title, fields=None, name=None):
    """Fills the form whose heading contains `title` and sends it."""
    try:
        element = form(title)
    except NoSuchElementException:
        check(False, f"form '{title}' is on the page")
        return
    for field, value in (fields or {}).items():
        if not element.find_elements(By.NAME, field) and element.find_elements(By.NAME, field + "-day"):
            # A date asked for as day, month and year boxes (the NHS.UK date input).
            year, month, day = value.split("-")
            for box_name, part in (("-day", str(int(day))), ("-month", str(int(month))), ("-year", year)):
                box = element.find_element(By.NAME, field + box_name)
                box.clear()
                box.send_keys(part)
            continue
        box = element.find_element(By.NAME, field)
        if box.tag_name == "select":
            Select(box).select_by_value(value)
        elif box.get_attribute("type") == "date":
            # Typing into a date box depends on the browser's locale: set the ISO value.
            driver.execute_script("arguments[0].value = arguments[1]", box, value)
        else:
            box.clear()
            box.send_keys(value)
    click(element.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    ok = "Saved." in driver.page_source and "There is a problem" not in driver.page_source
    if not ok:
        messages = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".error-summary li, .notice")]
        print(f"  after '{title}': {messages}", flush=True)
    check(ok, f"step '{title}' saved")
    if name:
        look(name)


def open_migration():
    driver.get(migration_url)


def working_day(offset):
    day = datetime.date.today() + datetime.timedelta(days=offset)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day.isoformat()


try:
    # The sign-in page, and a wrong password.
    driver.get(BASE + "/sign-in")
    look("sign-in")
    driver.find_element(By.ID, "email").send_keys(PRACTICE)
    driver.find_element(By.ID, "password").send_keys("wrong password")
    click(driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check("The e-mail address or password is wrong." in driver.page_source, "wrong password is explained")
    look("sign-in-wrong-password")

    # The practice starts its migration: preview first, then save.
    sign_in(PRACTICE)
    look("home-practice")
    driver.get(BASE + "/migrations/new")
    Select(driver.find_element(By.ID, "practiceOdsCode")).select_by_value("B82099")
    Select(driver.find_element(By.ID, "sourceProductCode")).select_by_value("10000-001")
    Select(driver.find_element(By.ID, "targetProductCode")).select_by_value("10052-002")
    driver.find_element(By.ID, "sub-10052-101").click()
    click(driver.find_element(By.CSS_SELECTOR, "button[value=save]"))
    check("There is a problem" in driver.page_source, "a missing business case is reported")
    look("new-migration-errors")
    driver.find_element(By.ID, "drivers").send_keys("Community services and our PCN neighbours use SystmOne.")
    driver.find_element(By.ID, "considerations").send_keys("Retraining 18 staff; flu clinics in the autumn.")
    driver.find_element(By.ID, "strategicFit").send_keys("One principal system per neighbourhood, as the ICB plans.")
    click(driver.find_element(By.CSS_SELECTOR, "button[value=preview]"))
    check("The earliest go-live that can still be met is" in driver.page_source, "the preview shows the earliest go-live")
    look("new-migration-preview")
    click(driver.find_element(By.CSS_SELECTOR, "button[value=save]"))
    check("Oakwood Lane Medical Centre" in driver.page_source and "Saved." in driver.page_source, "the migration is saved")
    migration_url = driver.current_url.split("?")[0]
    look("migration-proposed")

    # The commissioner approves and funds it.
    sign_in(ICB)
    look("home-commissioner")
    open_migration()
    submit("Approve the business case", {"fundingAmount": "18500", "fundingSource": "ICB GP IT capital"}, "migration-approved")
    submit("Agree to the provisional go-live")

    # The CSU registers it and calls off the Schedule As.
    sign_in(CSU)
    open_migration()
    submit("Agree to the provisional go-live")
    submit("Register the migration", {"reference": "MIG-B82099"})
    submit("Call off the Schedule A for SystmOne")
    submit("Call off the Schedule A that decommissions EMIS Web")
    submit("Call off the Schedule A for SystmOne Appointments module", name="migration-called-off")
    driver.get(BASE + "/portfolio")
    look("portfolio")
    driver.get(BASE + "/portfolio?status=registered&sort=practice")
    look("portfolio-filtered")

    # The commissioner accepts them; each supplier accepts its own.
    sign_in(ICB)
    open_migration()
    for product in ["SystmOne", "EMIS Web", "SystmOne Appointments module"]:
        submit(f"Accept the Schedule A for {product}")
    sign_in(TPP)
    look("home-new-supplier")
    open_migration()
    submit("Agree to the provisional go-live")
    check("agreed by everyone" in driver.page_source, "the practice, commissioner, CSU and new supplier have all agreed the provisional go-live")
    submit("Accept the Schedule A for SystmOne Appointments module")
    submit("Accept the Schedule A for SystmOne", name="migration-go-live-confirmed")
    sign_in(EMIS)
    open_migration()
    submit("Accept the Schedule A for EMIS Web", name="migration-old-supplier")

    # The data extract, in its four steps.
    sign_in(CSU)
    open_migration()
    submit("Ask EMIS Health for its extract request form")
    sign_in(EMIS)
    open_migration()
    submit("Send EMIS Health's extract form to the practice")
    sign_in(PRACTICE)
    open_migration()
    submit("Return EMIS Health's extract form", name="migration-form-returned")
    sign_in(TPP)
    open_migration()
    submit("Confirm EMIS Health's data reached the new supplier")

    # Kick-off and survey, milestones, sign-offs.
    sign_in(PRACTICE)
    open_migration()
    submit("Book the kick-off meeting", {"day": working_day(14)})
    submit("Book the technical survey", {"day": working_day(15)})
    submit("Record when a phase actually happened", {"phase": "decision-and-funding", "actualStart": working_day(-20), "actualEnd": working_day(-5)})
    submit("Sign off: Technical requirements", {"signerName": "Jo Baker"})
    submit("Add a service or supplier to give notice to", {"recipient": "EPS (NHS England)", "service": "eps"})
    submit("Sign off: Data checking", {"signerName": "Dr A. Khan (lead GP)"})
    submit("Sign off: Go-live data", {"signerName": "Dr A. Khan (lead GP)"}, name="migration-signed-off")
    # Tick the first item of the practice's checklist.
    boxes = driver.find_elements(By.XPATH, "//section[@id='checklist']//button | //h2[@id='checklist']/following-sibling::ul[1]//button")
    if boxes:
        click(boxes[0])
        check("Saved" in driver.page_source or "Untick" in driver.page_source, "a checklist tick is saved")
    driver.get(migration_url + "/what-if?goLive=" + working_day(120))
    check("With the new go-live" in driver.page_source and "days later" in driver.page_source, "what-if shows what moves with the new date")
    look("what-if")

    # Go-live, the deployment survey, the end.
    # The go-live is recorded on the confirmed day or later: the supplier brings it to today.
    sign_in(TPP)
    open_migration()
    submit("Move the confirmed go-live date", {"goLive": datetime.date.today().isoformat()})
    submit("Record the go-live", {"day": datetime.date.today().isoformat()}, name="migration-live")
    sign_in(PRACTICE)
    open_migration()
    submit("Fill in the deployment survey", {"goLive": datetime.date.today().isoformat(), "score": "4", "comments": "Went well."})
    # The CSU keeps the order records here: it returns the survey once, then confirms it.
    sign_in(CSU)
    open_migration()
    submit("Return the deployment survey to the practice", {"reason": "Please add a comment on training."})
    sign_in(PRACTICE)
    open_migration()
    check("Please add a comment on training." in driver.page_source, "the practice reads why its survey came back")
    submit("Correct and resend the deployment survey", {"comments": "Went well; training was short."})
    sign_in(CSU)
    open_migration()
    submit("Confirm the deployment survey", name="migration-survey-confirmed")
    check("Actual M1" in driver.page_source, "the order line shows actual M1")
    sign_in(ICB)
    open_migration()
    submit("Confirm service stability (M2)", {"day": datetime.date.today().isoformat()})
    submit("End the migration", {"day": datetime.date.today().isoformat()}, name="migration-completed")
    check("Completed" in driver.page_source, "the migration is completed")

    # Reference data, and a page that is not there.
    sign_in(NATIONAL)
    driver.get(BASE + "/admin")
    look("reference-data")
    driver.get(BASE + "/migrations/00000000-0000-0000-0000-000000000000")
    check("Page not found" in driver.page_source, "unknown migrations answer with a not-found page")
    look("not-found")
finally:
    driver.quit()

print(f"browser: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
