"""Neo4j Browser, served by the test server, driven in headless Chromium with Playwright.

Connects through the login form, applies cypher/browser/style.grass by dropping the
file on the page (as a user would), runs the ready queries and checks that the graph
view draws their nodes in the style's colours. Screenshots go to tests/artifacts/
(git-ignored); `make screenshots` runs this test with BROWSER_SCREENSHOTS=docs/images
to refresh the pictures docs/browser.md and the README show.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app.cypher import CYPHER_DIR
from tests.browser.demo import write_demo_graph

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("BROWSER_SCREENSHOTS", ROOT / "tests" / "artifacts"))
STYLE = CYPHER_DIR / "browser" / "style.grass"
# The network here is closed: without these Chromium stalls on update and sync calls.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the Python playwright package is not installed"
)


def style_colour(selector: str) -> str:
    """The colour style.grass gives a selector such as node.Course or relationship.COMPLETED."""
    block = re.search(re.escape(selector) + r" \{([^}]*)\}", STYLE.read_text(encoding="utf-8"))
    assert block, f"style.grass has no {selector} rule"
    return re.search(r"\bcolor: (#[0-9A-Fa-f]{6});", block.group(1)).group(1).upper()


def load_demo_data(app, driver) -> None:
    """The seed's demo loader when it exists, otherwise the tests' own small graph."""
    from seed.cli import seed_cli

    if "demo" in seed_cli.commands:
        # Small courses: the default 300 items fill Browser's 300-node display into a blur.
        args = ["seed", "demo", "--courses", "2", "--items", "40", "--students", "6"]
        result = app.test_cli_runner().invoke(args=args)
        assert result.exit_code == 0, result.output
    else:
        write_demo_graph(driver)


def pick_course_and_student(driver) -> tuple[str, str]:
    """The (course, student) pair with the most completions, so both screenshots say something."""
    records, _, _ = driver.execute_query(
        "MATCH (course:Course)<-[:CHILD_OF*0..]-(item:CFItem)<-[:COMPLETED]-(student:Student) "
        "RETURN course.identifier AS course, student.sourcedId AS student, count(*) AS done "
        "ORDER BY done DESC, course, student LIMIT 1"
    )
    assert records, "the demo data has no student with completions in a course"
    return records[0]["course"], records[0]["student"]


def expected_child_count(driver, name: str, **params) -> int:
    records, _, _ = driver.execute_query(
        (CYPHER_DIR / "browser" / f"{name}.cypher").read_text(encoding="utf-8"), params
    )
    return len({r["child"].element_id for r in records})


@pytest.fixture
def page():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            tab = browser.new_page(viewport={"width": 1600, "height": 1000})
            tab.set_default_timeout(TIMEOUT_MS)
            yield tab
        finally:
            browser.close()


def connect(page, server: dict) -> None:
    bolt = urlsplit(server["uri"])
    page.goto(f"{server['http_url']}/browser/", wait_until="domcontentloaded")
    page.get_by_test_id("boltaddress").wait_for()
    page.get_by_test_id("bolt-scheme-select").select_option("bolt://")
    page.get_by_test_id("boltaddress").fill(f"{bolt.hostname}:{bolt.port}")
    page.get_by_test_id("username").fill(server["username"])
    page.get_by_test_id("password").fill(server["password"])
    page.get_by_test_id("connect").click()
    page.get_by_text("You are connected as user").wait_for()


def run(page, command: str):
    """Type a command into the editor, run it, and return its frame (the newest, on top)."""
    frames = page.get_by_test_id("frame")
    before = frames.count()
    page.get_by_test_id("activeEditor").click()
    # insert_text, not type: Monaco would close every bracket and quote typed key by key,
    # and a typed Enter would run a half-written statement.
    page.keyboard.insert_text(command)
    page.get_by_test_id("editor-Run").click()
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=frame]').length > n", arg=before
    )
    return frames.first


def apply_style(page) -> None:
    """Drop style.grass on the page: Browser applies a dropped .grass file and shows :style."""
    transfer = page.evaluate_handle(
        """text => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([text], 'style.grass', {type: 'text/plain'}));
            return transfer;
        }""",
        STYLE.read_text(encoding="utf-8"),
    )
    drop_zone = page.locator(".filedrop").first
    drop_zone.dispatch_event("dragenter", {"dataTransfer": transfer})
    drop_zone.dispatch_event("drop", {"dataTransfer": transfer})
    style_frame = page.get_by_test_id("frame").first
    style_frame.get_by_test_id("frameCommand").get_by_text(":style").wait_for()
    style_frame.get_by_text("node.Course").wait_for()


def set_param(page, name: str, value: str) -> None:
    frame = run(page, f':param {name} => "{value}"')
    frame.get_by_test_id("rawParamData").get_by_text(f'"{name}": "{value}"').wait_for()


def drawn_graph(page, frame, expected_nodes: int, screenshot: Path):
    """Wait until the frame's graph view draws the nodes, let the layout settle, screenshot."""
    nodes = frame.locator("svg g.layer.nodes g.node")
    page.wait_for_function(
        "([el, n]) => el.querySelectorAll('svg g.layer.nodes g.node').length >= n",
        arg=[frame.element_handle(), expected_nodes],
    )
    frame.get_by_title("Fullscreen", exact=True).click()
    page.wait_for_timeout(2500)  # the force layout settles
    frame.get_by_label("zoom-to-fit").click()  # fit the now larger view,
    frame.get_by_label("zoom-out").click()  # and clear the overview panel on the right
    page.wait_for_timeout(1000)  # the zoom is animated
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot))
    fills = {
        (fill or "").upper()
        for fill in nodes.locator("circle.b-outline").evaluate_all(
            "circles => circles.map(c => c.getAttribute('fill'))"
        )
    }
    captions = " ".join(
        nodes.locator("text.caption").evaluate_all("texts => texts.map(t => t.textContent)")
    )
    frame.get_by_title("Close fullscreen", exact=True).click()
    return nodes.count(), fills, captions


def test_course_tree_and_student_progress_are_drawn_in_browser(app, graph, neo4j_server, page):
    load_demo_data(app, graph)
    course, student = pick_course_and_student(graph)
    tree_nodes = expected_child_count(graph, "course_tree", courseId=course)
    connect(page, neo4j_server)
    apply_style(page)

    set_param(page, "courseId", course)
    # Each file runs as it stands, header comment and all, as when pasted or favourited.
    frame = run(page, (CYPHER_DIR / "browser" / "course_tree.cypher").read_text())
    count, fills, captions = drawn_graph(
        page, frame, min(tree_nodes, 300), SCREENSHOTS / "browser-course-tree.png"
    )
    assert count == min(tree_nodes, 300)  # Browser draws at most 300 nodes by default
    assert style_colour("node.Course") in fills, fills
    assert "<id>" not in captions and captions.strip(), "nodes are captioned by {caption}"

    set_param(page, "studentId", student)
    frame = run(page, (CYPHER_DIR / "browser" / "student_progress.cypher").read_text())
    count, fills, _ = drawn_graph(
        page, frame, min(tree_nodes + 1, 300), SCREENSHOTS / "browser-student-progress.png"
    )
    assert style_colour("node.Student") in fills, fills
    completed = frame.locator("svg g.layer.relationships g.relationship path.b-outline")
    colours = {
        (c or "").upper()
        for c in completed.evaluate_all("paths => paths.map(p => p.getAttribute('fill'))")
    }
    assert style_colour("relationship.COMPLETED") in colours, (
        "COMPLETED edges in the style's colour"
    )
