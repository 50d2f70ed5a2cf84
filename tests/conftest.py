"""Shared fixtures. The database is the real PostgreSQL named by DATABASE_URL."""

import os

os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("DJANGO_INSECURE_DEV_KEY", "1")
