"""In headless chromium: the UI loads and answers under Naober's Content-Security-Policy (no CSP
violations), and HTML/script typed as a question is shown as text, never run."""

from __future__ import annotations

from typing import Any

import pytest

from naober.settings import Settings
from tests.browser.test_ui_browser import TIMEOUT, ask, browser, site

pytestmark = [pytest.mark.browser, pytest.mark.server]
__all__ = ["browser", "site"]  # the module fixtures, shared
XSS = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script> Ik voel me eenzaam, waar kan ik terecht?"


def test_ui_works_under_the_csp_and_does_not_run_typed_html(browser: Any, site: tuple[str, Settings]) -> None:
    url, _ = site
    page = browser.new_page(locale="nl-NL")
    page.set_default_timeout(TIMEOUT)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    response = page.goto(url + "/")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.locator("#ai-notice").wait_for()
    answer = ask(page, XSS)
    assert "Zonnebloem" in answer.inner_text()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__xss") is None
    violations = [m for m in console if "Content Security Policy" in m or "Refused to" in m]
    assert not violations, violations
    page.close()
