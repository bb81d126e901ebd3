"""`python -m chatbot` is the same command as `chatbot`."""

from .cli import main

raise SystemExit(main())
