"""The review layer in bundles (format 2): decisions, gold sources, comment threads and
workflow states travel between analysts and a reviewer; merged by id, idempotent, with
records about missing annotations reported; format-1 bundles still import; one
transaction per bundle."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.bundle.archive import READABLE, VERSION
from annotator.core.errors import AnnotatorError
from annotator.core.importing import Outcome
from annotator.core.project import Project
from annotator.core.review.units import GOLD
from tests.core.conftest import engine_checksum

pytestmark = pytest.mark.both_backends

ARTICLES = {
    "a.txt": "The pads at Halvern are new, said Ilse Marrow of the institute.",
    "b.txt": "Critics noted that the government had promised the same in 2019.",
}


def make_project(root: Path, analyst: str) -> Project:
    folder = root / analyst
    folder.mkdir(exist_ok=True)
    for file, text in ARTICLES.items():
        (folder / file).write_text(text)
    project = Project.open(_locations[0](f"{root.name}-{analyst}"), analyst=analyst)
    project.import_paths([folder / file for file in ARTICLES])
    return project


def doc(project: Project) -> str:
    return next(d.id for d in project.documents() if d.title.startswith("The pads"))


# Where make_project puts projects: SQLite files or PostgreSQL databases (both_backends).
_locations: list[Callable[[str], str]] = []


@pytest.fixture(autouse=True)
def _backend_locations(new_location: Callable[[str], str]):
    _locations[:] = [new_location]
    yield
    _locations.clear()


def checksum(project: Project) -> str:
    return engine_checksum(project.store.engine)


def rows(project: Project, sql: str) -> set[tuple[Any, ...]]:
    with project.store.engine.connect() as connection:
        return {tuple(row) for row in connection.exec_driver_sql(sql)}


def send(source: Project, target: Project, path: Path, **filters: Any) -> Any:
    source.export("bundle", path, **filters)
    (item,) = target.import_paths([path]).items
    assert item.outcome is not Outcome.FAILED, item.message
    return item


def review_layer(project: Project) -> dict[str, set[tuple[Any, ...]]]:
    """The review layer as rows that must agree across projects (document ids differ)."""
    return {
        "reviews": rows(
            project,
            "SELECT r.id, r.annotation_id, n.name, r.decision, r.comment, r.created "
            "FROM reviews r JOIN annotators n ON n.id = r.reviewer_id",
        ),
        "gold_sources": rows(project, "SELECT gold_id, source_id FROM gold_sources"),
        "comments": rows(
            project,
            "SELECT c.id, c.annotation_id, n.name, c.text, c.created, c.reply_to, "
            "c.deleted FROM comments c JOIN annotators n ON n.id = c.author_id",
        ),
        "document_review": rows(
            project,
            "SELECT d.sha256, r.state, n.name, r.updated FROM document_review r "
            "JOIN documents d ON d.id = r.document_id "
            "JOIN annotators n ON n.id = r.reviewer_id",
        ),
        "document_status": rows(
            project,
            "SELECT d.sha256, n.name, s.status, s.updated FROM document_status s "
            "JOIN documents d ON d.id = s.document_id "
            "JOIN annotators n ON n.id = s.annotator_id",
        ),
    }


def rewrite(source: Path, target: Path, change: Callable[[dict[str, Any], dict[str, Any]], None]):
    """A copy of a bundle with its payload (and manifest) changed and signed again, as a
    colleague's program of another version, or a crafted file, would write it."""
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        payload = json.loads(archive.read("payload.json"))
    change(manifest, payload)
    data = json.dumps(payload, sort_keys=True).encode("utf-8")
    manifest["payload_sha256"] = hashlib.sha256(data).hexdigest()
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("payload.json", data)
    return target


@pytest.fixture
def team(tmp_path: Path):
    """ana and ben tag the same sentence differently; rita reviews their work."""
    ana, ben, rita = (make_project(tmp_path, name) for name in ("ana", "ben", "rita"))
    ana_claim = ana.tag_span(doc(ana), 0, 27, "claim")
    ben_claim = ben.tag_span(doc(ben), 4, 27, "claim")
    ana.apply(ana.set_status(doc(ana), "done"))
    send(ana, rita, tmp_path / "ana.annobundle")
    send(ben, rita, tmp_path / "ben.annobundle")
    yield ana, ben, rita, ana_claim, ben_claim
    for project in (ana, ben, rita):
        project.close()


def curate(rita: Project, ana_claim_id: str, ben_claim_id: str) -> str:
    """rita accepts ana's version, comments on ben's, and marks the document reviewed."""
    (unit,) = rita.review_units(doc(rita))
    rita.apply(rita.accept(unit, ana_claim_id, "ana has the subject"))
    comment = rita.apply(rita.add_comment(ben_claim_id, "the subject starts at 'The'"))
    assert comment.annotation is not None
    rita.apply(rita.add_comment(ana_claim_id, "good catch"))
    rita.apply(rita.set_review_state(doc(rita), "in review"))
    rita.apply(rita.set_review_state(doc(rita), "reviewed"))
    (gold,) = rita.gold_annotations(doc(rita))
    return gold.id


def test_bundle_format_is_2_and_still_reads_1() -> None:
    assert VERSION == 2 and READABLE == (1, 2)


def test_reviewer_bundle_brings_decisions_gold_comments_and_states(team, tmp_path: Path) -> None:
    ana, _ben, rita, ana_claim, ben_claim = team
    gold_id = curate(rita, ana_claim.id, ben_claim.id)
    bundle = tmp_path / "rita.annobundle"
    rita.export("bundle", bundle)
    preview = ana.preview_bundle(bundle)
    assert (preview.reviews, preview.comments, preview.gold_links) == (3, 2, 1)
    assert preview.workflow == 1  # the review state (ana's own status is not newer there)
    assert "review: 3 decisions, 2 comments" in preview.summary()
    send(rita, ana, bundle)

    # ana sees rita's comments through the API the annotation panel shows a thread with
    (thread,) = ana.comments(ana_claim.id)
    assert (thread.author, thread.text) == ("rita", "good catch")
    assert [c.text for c in ana.comments(ben_claim.id)] == ["the subject starts at 'The'"]
    # the decision: reviewer, time and comment; the gold and what it came from
    (decision,) = ana.reviews(ana_claim.id)
    assert (decision.reviewer, decision.decision, decision.comment) == (
        "rita",
        "accept",
        "ana has the subject",
    )
    assert decision.created == rita.reviews(ana_claim.id)[0].created
    (gold,) = ana.gold_annotations(doc(ana))
    assert (gold.id, gold.annotator, gold.start, gold.end) == (gold_id, GOLD, 0, 27)
    assert set(ana.gold_sources(gold_id)) == {ana_claim.id, ben_claim.id}
    assert [r.decision for r in ana.reviews(gold_id)] == ["accept"]
    assert ana.review_state(doc(ana)) == "reviewed"
    assert ana.review_states()[doc(ana)].reviewer == "rita"
    assert ana.status(doc(ana)) == "done"  # ana's own status came back unchanged
    assert review_layer(ana) == review_layer(rita)


def test_importing_the_same_reviewer_bundle_twice_changes_nothing(
    team, tmp_path: Path
) -> None:
    ana, _ben, rita, ana_claim, ben_claim = team
    curate(rita, ana_claim.id, ben_claim.id)
    bundle = tmp_path / "rita.annobundle"
    send(rita, ana, bundle)
    before = checksum(ana)
    assert ana.preview_bundle(bundle).changes_nothing
    (item,) = ana.import_paths([bundle]).items
    assert item.outcome is Outcome.DUPLICATE
    assert checksum(ana) == before


def test_replies_travel_back_and_both_sides_converge(team, tmp_path: Path) -> None:
    ana, ben, rita, ana_claim, ben_claim = team
    curate(rita, ana_claim.id, ben_claim.id)
    send(rita, ana, tmp_path / "r1.annobundle")
    send(rita, ben, tmp_path / "r2.annobundle")
    (question,) = ana.comments(ana_claim.id)
    ana.apply(ana.add_comment(ana_claim.id, "thanks, fixed the others too", question.id))
    typo = ben.add_comment(ben_claim.id, "typo")
    ben.apply(typo)
    ben.revert(typo)  # a comment taken back is soft-deleted, and the deletion travels
    ben.apply(ben.add_comment(ben_claim.id, "agreed"))
    send(ana, rita, tmp_path / "a.annobundle")
    send(ben, rita, tmp_path / "b.annobundle")
    thread = rita.comments(ana_claim.id)
    assert [(c.author, c.reply_to) for c in thread] == [("rita", None), ("ana", question.id)]
    assert [c.text for c in rita.comments(ben_claim.id)] == [
        "the subject starts at 'The'",
        "agreed",
    ]
    for project in (ana, ben):
        send(rita, project, tmp_path / f"back-{project.analyst}.annobundle")
    assert review_layer(ana) == review_layer(ben) == review_layer(rita)
    assert [c.text for c in ana.comments(ben_claim.id)] == ["the subject starts at 'The'", "agreed"]


def test_review_state_merge_latest_change_wins(team, tmp_path: Path) -> None:
    """Document review state: the latest change wins (by time), so reopening a reviewed
    document travels; an older bundle never undoes a newer state."""
    ana, _ben, rita, _ana_claim, _ben_claim = team
    rob = make_project(tmp_path, "rob")
    try:
        send(ana, rob, tmp_path / "a.annobundle")
        rita.apply(rita.set_review_state(doc(rita), "in review"))
        rita.apply(rita.set_review_state(doc(rita), "reviewed"))
        old = tmp_path / "rita-old.annobundle"
        rita.export("bundle", old)
        send(rita, rob, tmp_path / "rita1.annobundle")
        assert rob.review_state(doc(rob)) == "reviewed"
        rob.apply(rob.set_review_state(doc(rob), "in review"))  # rob reopens it, later
        send(rob, rita, tmp_path / "rob.annobundle")
        assert rita.review_state(doc(rita)) == "in review"
        assert rita.review_states()[doc(rita)].reviewer == "rob"
        (item,) = rob.import_paths([old]).items  # an older bundle changes nothing
        assert rob.review_state(doc(rob)) == "in review"
        assert review_layer(rob)["document_review"] == review_layer(rita)["document_review"]
        assert item.outcome is not Outcome.FAILED
    finally:
        rob.close()


def test_review_state_merge_equal_times_further_along_wins(team, tmp_path: Path) -> None:
    """At equal times the further-along state wins, on both sides."""
    ana, _ben, rita, _ana_claim, _ben_claim = team
    rita.apply(rita.set_review_state(doc(rita), "in review"))
    ana.apply(ana.set_review_state(doc(ana), "reviewed"))
    rita_time = rita.review_states()[doc(rita)].updated
    ana_time = ana.review_states()[doc(ana)].updated
    assert rita_time is not None and ana_time is not None and rita_time != ana_time

    def at(moment: datetime) -> Callable[[dict[str, Any], dict[str, Any]], None]:
        def change(_manifest: dict[str, Any], payload: dict[str, Any]) -> None:
            for state in payload["document_reviews"]:
                state["updated"] = moment.isoformat()

        return change

    rita.export("bundle", tmp_path / "rita.annobundle")
    ana.export("bundle", tmp_path / "ana.annobundle")
    ana.import_paths(
        [rewrite(tmp_path / "rita.annobundle", tmp_path / "r.annobundle", at(ana_time))]
    )
    assert ana.review_state(doc(ana)) == "reviewed"  # "in review" at the same time loses
    rita.import_paths(
        [rewrite(tmp_path / "ana.annobundle", tmp_path / "a.annobundle", at(rita_time))]
    )
    assert rita.review_state(doc(rita)) == "reviewed"  # "reviewed" at the same time wins


def test_analyst_status_merge_latest_change_wins(team, tmp_path: Path) -> None:
    """An analyst's status of a document: the latest change wins, so a document ana
    reopens ("done" -> "in progress") shows as reopened at ben's too."""
    ana, ben, _rita, _ana_claim, _ben_claim = team

    def anas_status_at(project: Project) -> str:
        name = project.analyst
        project.set_analyst("ana")
        try:
            return project.status(doc(project))
        finally:
            project.set_analyst(name)

    first = tmp_path / "first.annobundle"
    send(ana, ben, first)
    assert anas_status_at(ben) == "done"
    assert ben.status(doc(ben)) == "new"  # ben's own status is his
    ana.apply(ana.set_status(doc(ana), "in progress"))
    send(ana, ben, tmp_path / "second.annobundle")
    assert anas_status_at(ben) == "in progress"
    ben.import_paths([first])  # the older bundle again: the newer status stays
    assert anas_status_at(ben) == "in progress"
    send(ben, ana, tmp_path / "back.annobundle")
    assert ana.status(doc(ana)) == "in progress"
    assert review_layer(ana)["document_status"] == review_layer(ben)["document_status"]


def test_records_about_missing_annotations_are_reported_not_fatal(team, tmp_path: Path) -> None:
    """A gold-only bundle names sources carol does not have; a crafted comment and
    decision name an annotation nobody has: they are skipped and reported, the rest
    merges."""
    _ana, _ben, rita, ana_claim, ben_claim = team
    gold_id = curate(rita, ana_claim.id, ben_claim.id)
    carol = make_project(tmp_path, "carol")
    try:
        gold_only = tmp_path / "gold.annobundle"
        rita.export("bundle", gold_only, annotators=[GOLD])

        def stray(_manifest: dict[str, Any], payload: dict[str, Any]) -> None:
            payload["comments"].append(
                {
                    "id": "c-stray",
                    "annotation": "no-such-annotation",
                    "author": "rita",
                    "text": "where did it go?",
                    "created": "2026-11-25T10:00:00+00:00",
                    "reply_to": None,
                    "deleted": False,
                }
            )
            payload["reviews"].append(
                {
                    "id": "r-stray",
                    "annotation": "no-such-annotation",
                    "reviewer": "rita",
                    "decision": "reject",
                    "comment": "",
                    "created": "2026-11-25T10:00:00+00:00",
                }
            )

        crafted = rewrite(gold_only, tmp_path / "stray.annobundle", stray)
        preview = carol.preview_bundle(crafted)
        assert len(preview.skipped) == 4  # 2 gold sources, 1 comment, 1 decision
        (item,) = carol.import_paths([crafted]).items
        assert item.outcome is Outcome.MERGED
        assert "4 review records skipped" in item.message
        assert any("comment c-stray" in w and "no-such-annotation" in w for w in item.warnings)
        assert any("decision r-stray" in w for w in item.warnings)
        assert any(ana_claim.id in w and gold_id in w for w in item.warnings)
        (gold,) = carol.gold_annotations(doc(carol))
        assert gold.id == gold_id and carol.gold_sources(gold_id) == ()
        assert [r.decision for r in carol.reviews(gold_id)] == ["accept"]
        # the sources arrive later with the full bundle: the links are completed
        send(rita, carol, tmp_path / "all.annobundle")
        assert set(carol.gold_sources(gold_id)) == {ana_claim.id, ben_claim.id}
    finally:
        carol.close()


def test_gold_sources_follow_the_newer_gold(team, tmp_path: Path) -> None:
    ana, _ben, rita, ana_claim, ben_claim = team
    gold_id = curate(rita, ana_claim.id, ben_claim.id)
    send(rita, ana, tmp_path / "r1.annobundle")
    (unit,) = rita.review_units(doc(rita), ["ben"])  # a unit of ben's version alone
    rita.apply(rita.edit_gold(unit, 4, 27, "claim", "without the article"))
    assert rita.gold_sources(gold_id) == (ben_claim.id,)
    send(rita, ana, tmp_path / "r2.annobundle")
    assert ana.gold_sources(gold_id) == (ben_claim.id,)
    assert ana.annotation(gold_id).start == 4


def test_format_1_bundle_without_review_layer_still_imports(team, tmp_path: Path) -> None:
    _ana, _ben, rita, ana_claim, ben_claim = team
    curate(rita, ana_claim.id, ben_claim.id)
    carol = make_project(tmp_path, "carol")
    try:
        current = tmp_path / "rita.annobundle"
        rita.export("bundle", current)

        def as_format_1(manifest: dict[str, Any], payload: dict[str, Any]) -> None:
            manifest["version"] = 1
            for section in (
                "reviews",
                "gold_sources",
                "comments",
                "document_reviews",
                "document_statuses",
            ):
                del payload[section]

        old = rewrite(current, tmp_path / "v1.annobundle", as_format_1)
        (item,) = carol.import_paths([old]).items
        assert item.outcome is Outcome.MERGED, item.message
        assert {a.id for a in carol.annotations(doc(carol))} >= {ana_claim.id, ben_claim.id}
        assert carol.comments(ana_claim.id) == [] and carol.review_state(doc(carol)) is None
        assert carol.import_paths([old]).items[0].outcome is Outcome.DUPLICATE
        # the same work with its review layer later adds only the layer
        done = carol.preview_bundle(current)
        assert (done.adds, done.updates, done.reviews, done.comments) == (0, 0, 3, 2)
    finally:
        carol.close()


def test_a_newer_format_is_refused_with_a_clear_message(team, tmp_path: Path) -> None:
    ana, *_ = team
    bundle = tmp_path / "a.annobundle"
    ana.export("bundle", bundle)

    def from_the_future(manifest: dict[str, Any], _payload: dict[str, Any]) -> None:
        manifest["version"] = 3

    with pytest.raises(AnnotatorError, match=r"format 3.*Update Annotator"):
        ana.preview_bundle(rewrite(bundle, tmp_path / "v3.annobundle", from_the_future))


# --- one transaction per bundle ------------------------------------------------------


def test_damaged_review_bundles_change_nothing(team, tmp_path: Path) -> None:
    ana, _ben, rita, ana_claim, ben_claim = team
    curate(rita, ana_claim.id, ben_claim.id)
    good = tmp_path / "rita.annobundle"
    rita.export("bundle", good)
    truncated = tmp_path / "cut.annobundle"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])

    def bad_decision(_manifest: dict[str, Any], payload: dict[str, Any]) -> None:
        payload["reviews"][-1]["decision"] = "maybe"

    def no_author(_manifest: dict[str, Any], payload: dict[str, Any]) -> None:
        del payload["comments"][0]["author"]

    bad = [
        truncated,
        rewrite(good, tmp_path / "decision.annobundle", bad_decision),
        rewrite(good, tmp_path / "author.annobundle", no_author),
    ]
    before = checksum(ana)
    for path in bad:
        (item,) = ana.import_paths([path]).items
        assert item.outcome is Outcome.FAILED
        assert "nothing was merged" in item.message or "damaged" in item.message
    assert checksum(ana) == before


def test_a_failure_part_way_through_a_merge_rolls_the_whole_bundle_back(
    team, tmp_path: Path
) -> None:
    """A bundle that passes the checks but fails while writing (here: a new document, then
    an annotation whose tag neither side knows) leaves the project exactly as it was."""
    ana, _ben, rita, ana_claim, ben_claim = team
    curate(rita, ana_claim.id, ben_claim.id)
    good = tmp_path / "rita.annobundle"
    rita.export("bundle", good)
    text = "A third article nobody here has."

    def fails_late(_manifest: dict[str, Any], payload: dict[str, Any]) -> None:
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        payload["documents"].append(
            {
                "id": "d-new",
                "title": "Third",
                "source": None,
                "author": None,
                "url": None,
                "published": None,
                "language": None,
                "text": text,
                "sha256": sha,
                "meta": {},
                "revision_of": None,
            }
        )
        late = dict(payload["annotations"][-1])
        late.update(
            id="late",
            document=sha,
            start=2,
            end=7,
            quote=text[2:7],
            tag="no-such-tag",
            lineage=[],
        )
        payload["annotations"].append(late)

    crafted = rewrite(good, tmp_path / "late.annobundle", fails_late)
    before = checksum(ana)
    (item,) = ana.import_paths([crafted]).items
    assert item.outcome is Outcome.FAILED and "no-such-tag" in item.message
    assert checksum(ana) == before
    assert ana.comments(ana_claim.id) == [] and len(ana.documents()) == 2


# --- convergence (property) ----------------------------------------------------------

REVIEW_OP = st.tuples(
    st.sampled_from(["comment", "reply", "uncomment", "state", "status", "accept", "reject"]),
    st.integers(0, 50),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops_a=st.lists(REVIEW_OP, max_size=6), ops_b=st.lists(REVIEW_OP, max_size=6))
def test_two_reviewers_exchanging_both_ways_converge(
    tmp_path_factory: pytest.TempPathFactory, ops_a, ops_b
) -> None:
    """Two reviewers decide, comment, take comments back and move states on their own,
    then exchange bundles both ways, twice: both end with the same review layer (and the
    same annotations)."""
    root = tmp_path_factory.mktemp("review-converge")
    rita, rob = make_project(root, "rita"), make_project(root, "rob")
    try:
        for analyst, start, end, tag in [
            ("ana", 0, 27, "claim"),
            ("ben", 4, 27, "claim"),
            ("ana", 34, 45, "quote"),
            ("ben", 34, 45, "facility"),
        ]:
            rita.set_analyst(analyst)
            rita.tag_span(doc(rita), start, end, tag)
        rita.set_analyst("rita")
        send(rita, rob, root / "start.annobundle")
        taken_back: dict[str, list[Any]] = {"rita": [], "rob": []}
        for round_ in range(2):
            for project, ops in ((rita, ops_a), (rob, ops_b)):
                for kind, n in ops[round_ * 3 : round_ * 3 + 3]:
                    review_op(project, kind, n, taken_back[project.analyst])
            send(rita, rob, root / f"ab{round_}.annobundle")
            send(rob, rita, root / f"ba{round_}.annobundle")
        send(rita, rob, root / "final.annobundle")
        assert review_layer(rita) == review_layer(rob)
        assert bundle_state(rita) == bundle_state(rob)
    finally:
        rita.close()
        rob.close()


def review_op(project: Project, kind: str, n: int, applied: list[Any]) -> None:
    doc_id = doc(project)
    live = project.annotations(doc_id)
    target = live[n % len(live)]
    if kind in ("comment", "reply"):
        thread = project.comments(target.id)
        parent = thread[n % len(thread)].id if kind == "reply" and thread else None
        edit = project.add_comment(target.id, f"{kind} {n} by {project.analyst}", parent)
        project.apply(edit)
        applied.append(edit)
    elif kind == "uncomment" and applied:
        project.revert(applied.pop(n % len(applied)))
    elif kind == "state":
        project.apply(project.set_review_state(doc_id, ("in review", "reviewed")[n % 2]))
    elif kind == "status":
        project.apply(project.set_status(doc_id, ("in progress", "done")[n % 2]))
    elif kind in ("accept", "reject"):
        units = project.review_units(doc_id, ["ana", "ben"])
        if not units:
            return
        unit = units[n % len(units)]
        if kind == "reject":
            project.apply(project.reject(unit, f"no ({n})"))
        else:
            version = unit.versions[n % len(unit.versions)]
            project.apply(project.accept(unit, version.annotation_id, f"yes ({n})"))


def bundle_state(project: Project) -> set[tuple[Any, ...]]:
    return rows(
        project,
        "SELECT a.id, d.sha256, t.name, n.name, a.start_offset, a.end_offset, a.note, "
        "a.revision, a.deleted, a.conflict_of FROM annotations a "
        "JOIN documents d ON d.id = a.document_id JOIN tags t ON t.id = a.tag_id "
        "JOIN annotators n ON n.id = a.annotator_id",
    )
