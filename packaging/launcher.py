"""Entry point of the frozen build: the same ``annotator`` command as the wheel's script.

Without a sub-command it opens the window; ``import``/``export``/``list``/``stats`` and
``--version``/``--help`` run headless and exit.
"""

import sys

from annotator.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
