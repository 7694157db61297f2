"""Every ``gismap`` command over the hostile corpus (issue 12): no run ends in a traceback, a hang,
exhausted memory, a modified input, unsafe output, files outside its target, an unclear message or
a damaged file read as if whole.

Every case is read (``info``, a project rendered, a form filled in, a command line run); the
slower commands (export, render, join over a damaged layer) run on a sample of the cases, in two
workers side by side. ``python -m tests.hostile`` runs them all and prints the same table.
"""

from __future__ import annotations

from hostile.corpus import build_corpus
from hostile.runner import OUTCOMES, bad_runs, run_corpus, table

SLOW_COMMANDS_EVERY = 8  # the slower commands run on one case in eight of each role


def test_no_input_ends_in_a_bad_outcome(tmp_path):
    cases, base = build_corpus(tmp_path / "corpus")
    assert len(cases) > 500 and len({case.kind for case in cases}) > 100
    runs = run_corpus(cases, base, tmp_path / "corpus", every=SLOW_COMMANDS_EVERY)
    counts = table(runs)
    print(counts)
    assert {run.outcome for run in runs} <= set(OUTCOMES)
    assert {run.command.split(" ")[0] for run in runs} >= {"info", "join", "render", "export", "fill-template",
                                                            "project"}
    bad = sorted(bad_runs(runs), key=lambda run: (run.outcome, run.case.kind, run.command))
    assert not bad, f"{len(bad)} of {len(runs)} runs in a bad class:\n{counts}\n" + "\n".join(run.line() for run in bad)
