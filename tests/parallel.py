"""The suite in parallel (pytest-xdist, `make test`): every worker has its own databases
(tests/databases.py), servers on free ports, buckets and Redis keys of its own, so tests can
go to whichever worker is free. Except the tests marked `many_connections` (parallel
transactions, several servers, pools of dozens of connections): one of them alone may hold
half of PostgreSQL's `max_connections` (100 by default), so they all run on one worker (the
first to start), one after another, while the others share out the rest.

The browser stories (marked `e2e`, up to a minute each) are dealt out to the other workers
up front too, in turn: load scheduling sends each worker a run of consecutive tests first,
and the stories, next to each other in the collection, all went to one worker, which then
ran them one after another while the others ran out of work.

xdist's `--dist loadgroup` would do this, but with this pytest it spreads a group over the
workers. Its scheduler sees test ids only, not marks: each worker writes the ids of the
marked tests it collected into a folder the controller gave it, before it reports its
collection, and the controller's scheduler reads them when every collection is in."""

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from xdist.scheduler import LoadScheduling

MARK = "many_connections"
STORY = "e2e"
_FOLDER = pytest.StashKey[Path]()


class FirstWorkerTakesManyConnections(LoadScheduling):
    """xdist's load scheduling, with the many-connection tests queued on the first worker up
    front and the browser stories dealt out to the others."""

    def __init__(self, config, log, folder: Path):
        super().__init__(config, log)
        self.folder = folder
        self.placed = False

    def _send_tests(self, node, num: int) -> None:
        # The first call comes from schedule(), once the collection is known and pending.
        if not self.placed:
            self.placed = True
            marked = {mark: set() for mark in (MARK, STORY)}
            for file in self.folder.glob("*.json"):
                for mark, nodeids in json.loads(file.read_text()).items():
                    marked[mark].update(nodeids)
            heavy = self._take(marked[MARK])
            stories = self._take(marked[STORY])
            others = self.nodes[1:] or self.nodes
            self._place(self.nodes[0], heavy)
            for number, each in enumerate(others):
                self._place(each, stories[number :: len(others)])
        super()._send_tests(node, num)

    def _take(self, nodeids: set[str]) -> list[int]:
        taken = [index for index in self.pending if self.collection[index] in nodeids]
        self.pending[:] = [index for index in self.pending if self.collection[index] not in nodeids]
        return taken

    def _place(self, node, indices: list[int]) -> None:
        if indices:
            self.node2pending[node].extend(indices)
            node.send_runtest_some(indices)


def pytest_configure(config):
    if getattr(config, "workerinput", None) is None and config.getoption("dist", "no") == "load":
        config.stash[_FOLDER] = Path(tempfile.mkdtemp(prefix="buurtmakers-xdist-"))


def pytest_unconfigure(config):
    if _FOLDER in config.stash:
        shutil.rmtree(config.stash[_FOLDER], ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    if _FOLDER in node.config.stash:
        node.workerinput["many_connections_folder"] = str(node.config.stash[_FOLDER])


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if _FOLDER in config.stash:
        return FirstWorkerTakesManyConnections(config, log, config.stash[_FOLDER])
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook sends the collection to the controller
def pytest_collection_finish(session):
    folder = getattr(session.config, "workerinput", {}).get("many_connections_folder")
    if folder is None:
        return
    marked = {mark: [item.nodeid for item in session.items if item.get_closest_marker(mark)] for mark in (MARK, STORY)}
    worker = session.config.workerinput["workerid"]
    written = Path(folder) / f"{worker}.part"
    written.write_text(json.dumps(marked))
    os.replace(written, written.with_suffix(".json"))  # never read half written
