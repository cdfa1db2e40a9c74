from smlint.cli import main

raise SystemExit(main())
