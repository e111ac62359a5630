"""Look and accessibility: a high-contrast theme, CSS for answers and sources, and a small script
that sets the page language and turns the status line into a screen-reader live region."""

from __future__ import annotations

import gradio as gr


def theme() -> gr.themes.Base:
    return gr.themes.Default(primary_hue="blue", neutral_hue="gray", font=["system-ui", "sans-serif"]).set(
        button_primary_background_fill="#0b4f9c",
        button_primary_background_fill_hover="#083b75",
        button_primary_text_color="#ffffff",
        body_text_color_subdued="#4a4a4a",
        block_info_text_color="#4a4a4a",
        input_placeholder_color="#5a5a5a",
    )


CSS = """
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;
clip:rect(0,0,0,0);white-space:nowrap;border:0}
#ai-notice{border-left:6px solid #0b4f9c;background:#eef4fb;padding:.5rem 1rem;border-radius:4px;color:#1a1a1a}
#naober-status{min-height:1.5em}
.naober-antwoord .antwoord{font-size:1.05rem;margin:0 0 .5rem}
.naober-antwoord sup.ref{font-size:.75em;color:#0b4f9c}
.naober-antwoord .bronnen-kop{font-size:1rem;margin:.75rem 0 .25rem}
.naober-antwoord ol.bronnen{padding-left:1.2rem;margin:0}
.naober-antwoord li.bron{margin:.5rem 0;padding:.5rem;border:1px solid #c8c8c8;border-radius:6px;list-style:none}
.naober-antwoord blockquote.citaat{margin:.25rem 0;padding:.25rem .5rem;border-left:4px solid #0b4f9c;
color:#1a1a1a;background:transparent}
.naober-antwoord mark{background:#ffe066;color:#000;padding:0 .1em}
.naober-antwoord details{margin:.25rem 0}
.naober-antwoord summary{cursor:pointer;color:#0b4f9c;text-decoration:underline}
.naober-antwoord .context{white-space:pre-wrap;font-size:.95rem;padding:.25rem .5rem;background:#f6f6f6;color:#1a1a1a}
.naober-antwoord .weigering{border-left:6px solid #b35c00;background:#fff6ec;padding:.5rem 1rem;color:#1a1a1a}
.naober-antwoord .score{font-size:.85rem;color:#3d3d3d}
.naober-antwoord a{color:#0b4f9c;text-decoration:underline}
table.documenten{border-collapse:collapse;width:100%}
table.documenten th,table.documenten td{border-bottom:1px solid #c8c8c8;padding:.4rem;text-align:left}
table.documenten a{color:#0b4f9c;text-decoration:underline}
button.starter{white-space:normal}
.kaart{border:1px solid #c8c8c8;border-radius:6px;padding:.5rem 1rem}
.kaart dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}.kaart dt{font-weight:700}
.kaart dd{margin:0}.kaart .leeg{color:#4a4a4a;font-style:italic}
.kaart a,a.kaart-csv{color:#0b4f9c;text-decoration:underline}
:focus-visible{outline:3px solid #0b4f9c!important;outline-offset:2px}
"""

HEAD = """
<script>
(function () {
  document.documentElement.lang = "nl";
  function mark() {
    var st = document.getElementById("naober-status");
    if (st && !st.getAttribute("aria-live")) {
      st.setAttribute("role", "status"); st.setAttribute("aria-live", "polite");
      st.setAttribute("aria-atomic", "true");
    }
    var notice = document.getElementById("ai-notice");
    if (notice && !notice.getAttribute("role")) {
      notice.setAttribute("role", "note"); notice.setAttribute("aria-label", "Let op: AI-systeem");
    }
    return st && notice;
  }
  function start() {
    if (mark()) { return; }
    var obs = new MutationObserver(function () { if (mark()) { obs.disconnect(); } });
    obs.observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
</script>
"""
