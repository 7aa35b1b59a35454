"""``python -m bot`` runs the zongjie command line."""

import sys

from bot.shells.cli import main

sys.exit(main())
