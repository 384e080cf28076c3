"""The project's Streamlit configuration: what a new user sees when the app opens."""

from __future__ import annotations

import tomllib

from conftest import ROOT


def test_streamlit_skills_popup_is_turned_off_by_the_project_config():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["logger"]["hideWelcomeMessage"] is True
    assert settings["browser"]["gatherUsageStats"] is False

    from streamlit import config
    from streamlit.web import skills

    # Streamlit's own rule for its "Help agents write better apps" pop-up: with the
    # project's setting applied (and not headless, as `make demo` runs) it is withheld.
    config.set_option("server.headless", False)
    config.set_option("logger.hideWelcomeMessage", True)
    assert skills.nudge_suppression_reason(str(ROOT)) == "welcome_hidden"


def test_make_demo_tells_the_user_where_the_app_is_and_how_to_stop_it():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "http://localhost:8501" in demo and "Ctrl+C" in demo
    assert ".venv/bin/storylens" in demo.replace("$(BIN)", ".venv/bin")
