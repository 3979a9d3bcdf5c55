"""Allow ``python -m backcoach``."""

from backcoach.entry import main

raise SystemExit(main())
