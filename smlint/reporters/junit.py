"""JUnit XML: one test case a post, failing with its findings; one errored test case for
each input or internal error, so that CI shows what could not be linted."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from smlint.reporters.base import Report


def format_junit(report: Report) -> str:
    by_post = defaultdict(list)
    for f in report.findings:
        by_post[f.display].append(f)
    names = list(dict.fromkeys([*report.linted, *by_post]))
    suites = ET.Element("testsuites", name="smlint")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="smlint",
        tests=str(len(names) + len(report.problems)),
        failures=str(sum(1 for n in names if by_post.get(n))),
        errors=str(len(report.problems)),
    )
    for name in names:
        case = ET.SubElement(suite, "testcase", classname="smlint", name=name)
        findings = by_post.get(name)
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
    for problem in report.problems:
        case = ET.SubElement(suite, "testcase", classname="smlint", name=problem.path or "smlint")
        error = ET.SubElement(case, "error", message=problem.message, type="smlint-error")
        error.text = str(problem)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
