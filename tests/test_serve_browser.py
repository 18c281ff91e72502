"""The page in a real headless Chromium (Debian's `chromium` + `chromium-driver`, driven by Selenium; nothing
downloads a browser): the flagship card, the crisis banner, a WhatsApp upload, axe-core and screenshots."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from test_serve import CRISIS, FLAGSHIP, WHATSAPP, Server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
AXE = Path(__file__).parent / "data" / "axe" / "axe.min.js"  # axe-core 4.14.1 from npm, MPL-2.0 (see README there)
WIDTHS = (1280, 390)

try:
    import selenium  # noqa: F401

    SELENIUM = True
except ImportError:  # pragma: no cover - the dev extra installs it
    SELENIUM = False

_missing = (
    "Debian's chromium is not installed (.ci/run installs it)"
    if CHROMIUM is None
    else "Debian's chromium-driver is not installed (.ci/run installs it)"
    if CHROMEDRIVER is None
    else "selenium is not installed (pip install -e '.[dev]')"
    if not SELENIUM
    else None
)
if _missing:
    print(f"\ntest_serve_browser.py skipped: {_missing}")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(_missing is not None, reason=_missing or "")]


@pytest.fixture(scope="module")
def server(checker, tmp_path_factory):
    srv = Server(checker, tmp_dir=tmp_path_factory.mktemp("browser-uploads"), rate=6000, burst=1000)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never fetch a driver or browser
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--lang=en-GB",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    driver.set_window_size(1280, 900)
    yield driver
    driver.quit()


def wait_for(browser, css: str, timeout: float = 120):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def check_advice(browser, server, text: str, country: str) -> None:
    """Paste the text, choose the country and press Check, as a person would (keyboard and mouse)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server.url + "/")
    box = browser.find_element(By.ID, "text")
    box.clear()
    box.send_keys(text)
    Select(browser.find_element(By.ID, "country")).select_by_value(country)
    browser.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
    wait_for(browser, "#results")


def screenshots(browser, folder: Path, name: str) -> list[Path]:
    """Full-page PNGs at 1280 and 390 px wide; asserts nothing is wider than the window."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for width in WIDTHS:
        browser.set_window_size(width, 900)
        scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} scrolls sideways at {width} px ({scroll_width} px wide)"
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(width, min(max(height, 600), 6000))
        browser.execute_script("window.scrollTo(0, 0)")
        path = folder / f"{name}-{width}.png"
        assert browser.save_screenshot(str(path))
        assert path.read_bytes().startswith(b"\x89PNG") and path.stat().st_size > 10_000
        paths.append(path)
    browser.set_window_size(1280, 900)
    print("screenshots:", *paths)
    return paths


def run_axe(browser) -> list[dict]:
    """axe-core run inside the page (WCAG 2.0-2.2 A and AA rules plus best practices); returns violations."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}, "
        "iframes: false}).then(r => done(JSON.stringify({violations: r.violations, passes: r.passes.length})))"
        ".catch(e => done(JSON.stringify({error: String(e)})));"
    )
    data = json.loads(result)
    assert "error" not in data, data
    return data["violations"]


def serious(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} x{len(v['nodes'])}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def test_flagship_advice_shows_the_contradicted_card_with_the_nhs_quote(browser, server, tmp_path):
    from selenium.webdriver.common.by import By

    check_advice(browser, server, FLAGSHIP, "GB")
    card = browser.find_element(By.CSS_SELECTOR, "#results article.card")
    assert "contradicted" in card.get_attribute("class").split()
    assert card.find_element(By.CSS_SELECTOR, ".verdict").text.lower() == "contradicted"
    text = card.text
    assert FLAGSHIP in text and "Next step" in text
    publishers = [p.text for p in card.find_elements(By.CSS_SELECTOR, ".source .publisher")]
    assert "NHS" in publishers, publishers
    nhs_links = [a for a in card.find_elements(By.CSS_SELECTOR, ".source a") if "nhs.uk" in a.get_attribute("href")]
    assert nhs_links and all(a.is_displayed() and a.text for a in nhs_links)
    nhs_quotes = [
        q.text
        for q in card.find_elements(By.CSS_SELECTOR, "li.quote")
        if "NHS" in q.find_element(By.CSS_SELECTOR, ".publisher").text
    ] or [card.find_element(By.CSS_SELECTOR, ".why").text]
    assert any("antidepressant" in q.lower() or "stop" in q.lower() for q in nhs_quotes), nhs_quotes
    assert "captured" in card.find_element(By.CSS_SELECTOR, ".source").text  # capture date shown
    assert not browser.find_elements(By.ID, "safety-banner")  # nothing to signpost here
    screenshots(browser, tmp_path, "flagship")


def test_crisis_text_shows_the_banner_first_with_the_chosen_countrys_helpline(browser, server, tmp_path):
    from selenium.webdriver.common.by import By

    for country, emergency, first_line in (("US", "911", "988"), ("GB", "999", "116 123")):
        check_advice(browser, server, f"{CRISIS}. {FLAGSHIP}", country)
        main = browser.find_element(By.ID, "main")
        first = main.find_element(By.XPATH, "./*[1]")
        assert first.get_attribute("id") == "safety-banner"  # before the heading, the form and every card
        assert first.find_element(By.CSS_SELECTOR, ".danger").text.count(emergency) == 1
        helplines = first.find_elements(By.CSS_SELECTOR, ".helplines li")
        assert first_line in helplines[0].text, [h.text for h in helplines]
        assert browser.switch_to.active_element == first  # focus starts on the help, for screen readers
        banner_box = first.rect
        assert banner_box["y"] < 200 and banner_box["height"] > 100  # prominent, on the first screen
        assert browser.find_element(By.CSS_SELECTOR, f"#country option[value='{country}']").is_selected()
    screenshots(browser, tmp_path, "crisis")


def test_unverified_is_never_styled_as_safe(browser, server):
    from selenium.webdriver.common.by import By

    check_advice(browser, server, "drinking celery juice every morning cures bipolar disorder", "GB")
    cards = browser.find_elements(By.CSS_SELECTOR, "article.card.unverified")
    assert cards, "expected an unverified card"
    for card in cards:
        assert "does not mean it is safe" in card.text
        for css in ("border-left-color", "background-color"):
            colour = card.value_of_css_property(css)
            r, g, b = (int(x) for x in colour[colour.index("(") + 1 :].split(",")[:3])
            assert not (g > r + 20 and g > b + 20), f"unverified {css} is green: {colour}"


def test_keyboard_reaches_everything_with_a_visible_focus(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(server.url + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    order = []
    for _ in range(8):
        el = browser.switch_to.active_element
        order.append(el.get_attribute("id") or el.get_attribute("class") or el.tag_name)
        outline = el.value_of_css_property("outline-style")
        assert outline not in ("none", ""), f"no visible focus on {order[-1]}"
        el.send_keys(Keys.TAB)
    assert order[0] == "skip"
    assert order.index("text") < order.index("country")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=text]").is_displayed()


def test_whatsapp_upload_completes_and_shows_its_report(browser, server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server.url + "/batch")
    browser.find_element(By.ID, "file").send_keys(str(WHATSAPP))
    Select(browser.find_element(By.ID, "country")).select_by_value("GB")
    browser.find_element(By.CSS_SELECTOR, "#batch-form button[type=submit]").click()
    job = wait_for(browser, "#job[data-status='done'], #job[data-status='failed']")
    assert job.get_attribute("data-status") == "done", job.text
    frame = browser.find_element(By.CSS_SELECTOR, "iframe#report")
    assert "Done:" in browser.find_element(By.CSS_SELECTOR, "#job .done").text
    download = browser.find_element(By.PARTIAL_LINK_TEXT, "Download the report")
    assert download.get_attribute("href").endswith("/report?download=1")
    screenshots(browser, tmp_path, "batch-report")
    browser.switch_to.frame(frame)
    try:
        assert browser.find_element(By.TAG_NAME, "h1").text == "claimcheck batch report"
        assert "Messages read" in browser.find_element(By.ID, "summary").text
        first = browser.find_element(By.CSS_SELECTOR, "article.claim")
        assert "contradicted" in first.get_attribute("class")
    finally:
        browser.switch_to.default_content()


def test_axe_finds_no_serious_or_critical_violations(browser, server):
    from selenium.webdriver.common.by import By

    found = {}
    browser.get(server.url + "/")
    found["check page"] = run_axe(browser)
    check_advice(
        browser,
        server,
        FLAGSHIP + ". exercise can help with mild depression. celery juice cures bipolar disorder",
        "GB",
    )
    found["results"] = run_axe(browser)
    check_advice(browser, server, CRISIS, "US")
    found["crisis banner"] = run_axe(browser)
    browser.get(server.url + "/batch")
    found["batch page"] = run_axe(browser)
    browser.find_element(By.ID, "file").send_keys(str(WHATSAPP))
    browser.find_element(By.CSS_SELECTOR, "#batch-form button[type=submit]").click()
    assert (
        wait_for(browser, "#job[data-status='done'], #job[data-status='failed']").get_attribute("data-status") == "done"
    )
    found["batch done"] = run_axe(browser)
    browser.get(server.url + "/docs")
    found["api docs"] = run_axe(browser)
    # the harness itself: an image without a text alternative in the same page must be caught (critical)
    browser.execute_script("document.querySelector('main').appendChild(document.createElement('img')).src='/x.png'")
    assert any(v["id"] == "image-alt" for v in run_axe(browser)), "axe did not run"
    for page, violations in found.items():
        print(f"axe {page}: {len(violations)} violation(s)", [f"{v['id']} ({v['impact']})" for v in violations])
    bad = {page: serious(v) for page, v in found.items() if serious(v)}
    assert not bad, bad
