"""The live page (issue 6): current alerts with their evidence and an escalation chart, pushed to browsers.

`run_live(settings)` serves it when `live_port` is set; see server.py and state.py.
"""

from tocsin.live.server import create_app, run_live

__all__ = ["create_app", "run_live"]
