"""PostgreSQL team mode: roles, grants and row-level security, in SQL the server enforces.

Who may do what is decided by PostgreSQL, not by the app, so a script connecting with
psql as an analyst is held to the same rules as the window:

- ``annotator_analyst`` reads everything; writes only its own annotations, relations and
  document status rows, and comments in its own name; may add documents.
- ``annotator_reviewer`` (also an analyst) writes review decisions, gold annotations, gold
  lineage and document review states.
- ``annotator_admin`` (also a reviewer) changes everything, the tag schema included.

"Own" is decided by ``annotator_me()``: the ``annotators`` row whose name is the session's
login role. Rows for analysts are created by the admin (``team add-analyst``), so analysts
never insert into ``annotators``. Everything here is idempotent: ``team init`` can be run
again after an upgrade and only fills what is missing.
"""

from __future__ import annotations

from sqlalchemy import Connection

ANALYST, REVIEWER, ADMIN = "annotator_analyst", "annotator_reviewer", "annotator_admin"
ROLES = (ANALYST, REVIEWER, ADMIN)
GOLD = "gold"
CHANNEL = "annotator_changes"

# table -> the column naming the analyst who owns a row (None: no per-analyst rows)
READ_ONLY_TABLES = ("project_info", "tags", "annotation_history", "alembic_version")
ANALYST_OWNED = {"annotations": "annotator_id", "relations": "annotator_id",
                 "document_status": "annotator_id", "comments": "author_id"}
REVIEWER_TABLES = {"reviews": "reviewer_id", "document_review": "reviewer_id",
                   "gold_sources": None}

RLS_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION annotator_me() RETURNS integer
    LANGUAGE sql STABLE AS $$ SELECT id FROM annotators WHERE name = session_user $$""",
    f"""CREATE OR REPLACE FUNCTION annotator_gold() RETURNS integer
    LANGUAGE sql STABLE AS $$ SELECT id FROM annotators WHERE name = '{GOLD}' $$""",
)
# Live updates (issue #8 point 3): one NOTIFY per changed row, sent at commit.
NOTIFY_FUNCTION = f"""CREATE OR REPLACE FUNCTION annotator_notify() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE changed record;
    BEGIN
        IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
        PERFORM pg_notify('{CHANNEL}', json_build_object(
            'table', TG_TABLE_NAME, 'op', TG_OP, 'id', changed.id::text,
            'document_id', changed.document_id, 'user', session_user)::text);
        RETURN NULL;
    END $$"""
NOTIFY_TABLES = ("annotations", "relations", "document_status")


def install_live_triggers(connection: Connection) -> None:
    """NOTIFY on every change of annotations, relations and statuses (PostgreSQL only)."""
    if connection.dialect.name != "postgresql":
        return
    connection.exec_driver_sql(NOTIFY_FUNCTION)
    for table in NOTIFY_TABLES:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        connection.exec_driver_sql(
            f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION annotator_notify()"
        )


def create_roles(connection: Connection) -> list[str]:
    """The three group roles (NOLOGIN), nested analyst < reviewer < admin; returns the
    ones created now."""
    created = []
    for role in ROLES:
        exists = connection.exec_driver_sql(
            "SELECT 1 FROM pg_roles WHERE rolname = %(role)s", {"role": role}
        ).first()
        if not exists:
            connection.exec_driver_sql(f"CREATE ROLE {role} NOLOGIN")
            created.append(role)
    connection.exec_driver_sql(f"GRANT {ANALYST} TO {REVIEWER}")
    connection.exec_driver_sql(f"GRANT {REVIEWER} TO {ADMIN}")
    return created


def grant_and_protect(connection: Connection, database: str) -> None:
    """GRANTs per role and row-level security policies on every table."""
    for statement in RLS_FUNCTIONS:
        connection.exec_driver_sql(statement)
    run = connection.exec_driver_sql
    run(f'GRANT CONNECT ON DATABASE "{database}" TO {ANALYST}')
    run(f"GRANT USAGE ON SCHEMA public TO {ANALYST}")
    run(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {ANALYST}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ANALYST}")
    run(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {ADMIN}")
    run(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {ADMIN}")
    run(f"GRANT INSERT ON documents TO {ANALYST}")
    for table in ANALYST_OWNED:
        run(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {ANALYST}")
    for table in REVIEWER_TABLES:
        run(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {REVIEWER}")
    for table in ("annotators", *ANALYST_OWNED, *REVIEWER_TABLES):
        _protect(connection, table)


def _protect(connection: Connection, table: str) -> None:
    run = connection.exec_driver_sql
    run(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    existing = {
        name
        for (name,) in connection.exec_driver_sql(
            "SELECT policyname FROM pg_policies WHERE tablename = %(t)s", {"t": table}
        )
    }
    for name, statement in _policies(table).items():
        if name not in existing:
            run(statement)


def _policies(table: str) -> dict[str, str]:
    policies = {
        "read_all": f"CREATE POLICY read_all ON {table} FOR SELECT TO {ANALYST} USING (true)",
        "admin_all": f"CREATE POLICY admin_all ON {table} FOR ALL TO {ADMIN} "
        "USING (true) WITH CHECK (true)",
    }
    owner = ANALYST_OWNED.get(table)
    if owner is not None:
        mine = f"{owner} = annotator_me()"
        policies["own_rows"] = (
            f"CREATE POLICY own_rows ON {table} FOR ALL TO {ANALYST} "
            f"USING ({mine}) WITH CHECK ({mine})"
        )
    if table == "annotations":
        gold = "annotator_id = annotator_gold()"
        policies["gold_rows"] = (
            f"CREATE POLICY gold_rows ON {table} FOR ALL TO {REVIEWER} "
            f"USING ({gold}) WITH CHECK ({gold})"
        )
    if table in REVIEWER_TABLES:
        column = REVIEWER_TABLES[table]
        check = "true" if column is None else f"{column} = annotator_me()"
        policies["reviewer_rows"] = (
            f"CREATE POLICY reviewer_rows ON {table} FOR ALL TO {REVIEWER} "
            f"USING ({check}) WITH CHECK ({check})"
        )
    return policies


def add_login_role(
    connection: Connection, name: str, password: str, *, reviewer: bool, admin: bool
) -> bool:
    """A login role in the analyst (and reviewer/admin) group; returns False when it
    existed (its password and groups are then updated)."""
    exists = connection.exec_driver_sql(
        "SELECT 1 FROM pg_roles WHERE rolname = %(name)s", {"name": name}
    ).first()
    quoted = _identifier(connection, name)
    secret = _literal(connection, password)
    if exists:
        connection.exec_driver_sql(f"ALTER ROLE {quoted} LOGIN PASSWORD {secret}")
    else:
        connection.exec_driver_sql(f"CREATE ROLE {quoted} LOGIN PASSWORD {secret}")
    groups = [ANALYST] + ([REVIEWER] if reviewer else []) + ([ADMIN] if admin else [])
    for group in groups:
        connection.exec_driver_sql(f"GRANT {group} TO {quoted}")
    return not exists


def member_roles(connection: Connection) -> set[str]:
    """The team groups the session's login role belongs to (empty outside team mode)."""
    if connection.dialect.name != "postgresql":
        return set()
    found = connection.exec_driver_sql(
        "SELECT rolname FROM pg_roles WHERE rolname = ANY(%(roles)s) "
        "AND pg_has_role(session_user, oid, 'MEMBER')",
        {"roles": list(ROLES)},
    )
    return {name for (name,) in found}


def _identifier(connection: Connection, name: str) -> str:
    return str(connection.exec_driver_sql("SELECT quote_ident(%(n)s)", {"n": name}).scalar())


def _literal(connection: Connection, value: str) -> str:
    return str(connection.exec_driver_sql("SELECT quote_literal(%(v)s)", {"v": value}).scalar())
