"""Accounts on the pages: a login when the server listens beyond loopback, roles, and what each role may open.

* admin and reviewer: every page;
* department: the ledger only, and only the tasks his department leads or supports (another's is refused, 403).

Passwords are checked by the ledger (hashed with werkzeug.security); a session lasts SESSION_HOURS from its login,
then asks again. Logins, failed logins and logouts go to the ledger's audit log.
"""
from __future__ import annotations

import datetime as dt

from flask import Flask, abort, current_app, flash, g, redirect, render_template, request, session, url_for

# What a department user may open; every other endpoint is refused.
DEPARTMENT_ENDPOINTS = frozenset({"login", "logout", "static", "ledger.index", "ledger.item", "ledger.update",
                                  "ledger.sheet", "ledger.report"})
OPEN_ENDPOINTS = frozenset({"login", "static"})


def install(app: Flask) -> None:
    @app.before_request
    def _who() -> None:
        g.user = None
        ledger = current_app.extensions.get("safetydocs_ledger")
        if not current_app.extensions.get("safetydocs_login"):
            return None
        name, since = session.get("user"), session.get("login_at")
        if name and since:
            started = dt.datetime.fromisoformat(since)
            if dt.datetime.now(dt.timezone.utc) - started <= current_app.permanent_session_lifetime:
                g.user = ledger.user(name)
        if g.user is None:
            session.pop("user", None)
            if request.endpoint not in OPEN_ENDPOINTS:
                return redirect(url_for("login", next=request.path))
            return None
        if g.user.role == "department" and request.endpoint not in DEPARTMENT_ENDPOINTS:
            abort(403)
        return None

    @app.route("/login", methods=["GET", "POST"])
    def login():
        ledger = current_app.extensions.get("safetydocs_ledger")
        if ledger is None:
            return redirect(url_for("index"))
        if request.method == "POST":
            name = (request.form.get("name") or "").strip()
            user = ledger.check_password(name, request.form.get("password") or "")
            if user is None:
                ledger.record(name or "?", "login.failed", address=request.remote_addr)
                flash("Wrong name or password.", "error")
                return render_template("login.html"), 401
            session.clear()  # a new session on login: no fixation
            session.permanent = True
            session["user"] = user.name
            session["login_at"] = dt.datetime.now(dt.timezone.utc).isoformat()
            ledger.record(user.name, "login", address=request.remote_addr)
            target = request.args.get("next") or ""
            local = target.startswith("/") and not target.startswith("//") and "\\" not in target
            if user.role == "department":
                return redirect(url_for("ledger.index"))
            return redirect(target if local else url_for("index"))
        return render_template("login.html")

    @app.post("/logout")
    def logout():
        ledger = current_app.extensions.get("safetydocs_ledger")
        if g.get("user") is not None and ledger is not None:
            ledger.record(g.user.name, "logout")
        session.clear()
        return redirect(url_for("login"))
