"""``python -m bot`` runs the zongjie command line."""

import sys

from .cli import main

sys.exit(main())
