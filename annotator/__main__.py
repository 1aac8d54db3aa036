import sys

from annotator.cli.main import main

sys.exit(main())
