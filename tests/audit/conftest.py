"""Make this folder importable so ``@pytest.mark.urls("audit_test_urls")`` finds the test URLconf."""

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
