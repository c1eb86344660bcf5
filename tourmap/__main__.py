import sys

from tourmap.cli import main

sys.exit(main())
