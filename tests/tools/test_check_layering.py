"""tools/check-layering: passes the real tree, fails on includes against the
direction of travel and on gRPC outside service/api."""

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHECK = ROOT / "tools" / "check-layering"


def run(root):
    return subprocess.run([sys.executable, str(CHECK), str(root)],
                          capture_output=True, text=True, check=False)


def write(root, path, text):
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text)


def test_the_repository_is_clean():
    result = run(ROOT)
    assert result.returncode == 0, result.stderr
    assert "clean" in result.stdout


def test_includes_down_the_layers_pass(tmp_path):
    write(tmp_path, "service/api/a.cc",
          '#include <grpcpp/server.h>\n#include "service/loyalty/b.h"\n')
    write(tmp_path, "service/loyalty/b.h",
          '#include "service/feedback/c.h"\n#include "storage/store.h"\n')
    write(tmp_path, "service/feedback/c.h",
          '#include "guestvoice/v1/feedback.pb.h"\n#include "common/d.h"\n')
    write(tmp_path, "common/d.h", "#include <string>\n")
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path,include,complaint", [
    ("service/core/x.cc", '"service/feedback/records.h"',
     "service/core may not include service/feedback"),
    ("service/feedback/x.cc", '"service/loyalty/records.h"',
     "service/feedback may not include service/loyalty"),
    ("service/insights/x.h", '"service/api/server.h"',
     "service/insights may not include service/api"),
    ("storage/x.cc", '"service/core/errors.h"',
     "storage may not include service/core"),
    ("storage/x.cc", '"analysis/internal/but_rule.h"',
     "storage may not include analysis"),
    ("common/x.h", '"storage/store.h"', "common may not include storage"),
    ("service/loyalty/x.cc", "<grpcpp/server_context.h>",
     "<grpcpp/server_context.h> outside service/api"),
])
def test_an_include_against_the_layering_fails(tmp_path, path, include,
                                                complaint):
    write(tmp_path, path, f"#include {include}\n")
    result = run(tmp_path)
    assert result.returncode == 1
    assert f"{path}:1:" in result.stderr
    assert complaint in result.stderr
