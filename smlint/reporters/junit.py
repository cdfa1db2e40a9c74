"""JUnit XML: one test case a post, failing with its findings; one errored test case for
each input or internal error, so that CI shows what could not be linted. The totals come
first in the document, so the cases are kept until the run finishes."""

from __future__ import annotations

from typing import IO
from xml.etree import ElementTree as ET

from smlint.models import Finding, Problem
from smlint.reporters.base import FormatReporter, Linted, Style, Summary


class JunitReporter(FormatReporter):
    @property
    def lists_problems(self) -> str:
        return "the JUnit report"

    def __init__(self, out: IO[str], style: Style) -> None:
        super().__init__(out, style)
        self.cases: dict[str, list[Finding]] = {}  # post name -> findings, in report order
        self.problems: list[Problem] = []

    def post(self, linted: Linted) -> None:
        self.cases.setdefault(linted.post.display, []).extend(linted.findings)

    def problem(self, problem: Problem) -> None:
        self.problems.append(problem)

    def finish(self, summary: Summary) -> None:
        suites = ET.Element("testsuites", name="smlint")
        suite = ET.SubElement(
            suites,
            "testsuite",
            name="smlint",
            tests=str(len(self.cases) + len(self.problems)),
            failures=str(sum(1 for findings in self.cases.values() if findings)),
            errors=str(len(self.problems)),
        )
        for name, findings in self.cases.items():
            case = ET.SubElement(suite, "testcase", classname="smlint", name=name)
            if findings:
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{len(findings)} finding(s)",
                    type=findings[0].code,
                )
                failure.text = "\n".join(
                    f"{f.display}:{f.row}:{f.column}: {f.code} {f.message} ({f.severity.label})"
                    for f in findings
                )
        for problem in self.problems:
            case = ET.SubElement(
                suite, "testcase", classname="smlint", name=problem.path or "smlint"
            )
            error = ET.SubElement(case, "error", message=problem.message, type="smlint-error")
            error.text = str(problem)
        ET.indent(suites)
        self.out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(suites, encoding="unicode")
            + "\n"
        )
