"""Sum the test reports (pytest JUnit XML, jest JSON) and print which backends were covered.

    python -m scripts.test_summary REPORT_DIR BACKEND...
"""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main(folder: str, backends: list[str]) -> int:
    passed = failed = skipped = 0
    lines = []
    for xml in sorted(Path(folder).glob("*.xml")):
        root = ET.parse(xml).getroot()
        suites = [root] if root.tag == "testsuite" else list(root)
        t = sum(int(s.get("tests", 0)) for s in suites)
        f = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
        s_ = sum(int(s.get("skipped", 0)) for s in suites)
        passed, failed, skipped = passed + t - f - s_, failed + f, skipped + s_
        lines.append(f"  pytest {xml.stem}: {t - f - s_} passed, {f} failed, {s_} skipped")
    jest = Path(folder) / "jest.json"
    if jest.exists():
        j = json.loads(jest.read_text())
        passed, failed = passed + j["numPassedTests"], failed + j["numFailedTests"] + j.get("numRuntimeErrorTestSuites", 0)
        lines.append(f"  jest miniprogram: {j['numPassedTests']} passed, {j['numFailedTests']} failed")
    else:
        failed += 1
        lines.append("  jest miniprogram: no report (did not run)")
    print("== Summary")
    print("\n".join(lines))
    print("Backends covered: " + ("; ".join(backends) if backends else "none"))
    print(f"total: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
